package org.switchboard.mail.parse;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes mail HTML safe to show in the CRM: jsoup's relaxed safelist (no script, style, event handlers or
 * forms; remote {@code http(s)} images remain, the UI decides whether to load them), {@code cid:} images
 * (RFC 2392) rewritten to their attachment, input cut to a size and work
 * abandoned after a time budget.
 */
final class HtmlSanitizer {

    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "html-sanitizer");
        thread.setDaemon(true);
        return thread;
    });

    /** No style attributes: CSS can overlay the CRM's own UI (fixed positioning) or fetch remote URLs. */
    private static final Safelist SAFELIST = Safelist.relaxed()
            .addProtocols("img", "src", "cid");

    private final int maxChars;
    private final Duration budget;

    HtmlSanitizer(int maxChars, Duration budget) {
        this.maxChars = maxChars;
        this.budget = budget;
    }

    /**
     * @param cidTargets content id to the URL the image is served at; unknown cids are removed
     * @return the safe HTML, or empty when the time budget ran out
     */
    Optional<String> sanitize(String html, Map<String, String> cidTargets) {
        String bounded = html.length() > maxChars ? html.substring(0, maxChars) : html;
        Future<String> work = WORKERS.submit(() -> clean(bounded, cidTargets));
        try {
            return Optional.of(work.get(budget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            work.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    private static String clean(String html, Map<String, String> cidTargets) {
        Document dirty = Jsoup.parse(html);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        for (Element img : clean.select("img[src]")) {
            String src = img.attr("src");
            if (src.regionMatches(true, 0, "cid:", 0, 4)) {
                String target = cidTargets.get(src.substring(4));
                if (target == null) {
                    img.removeAttr("src");
                } else {
                    img.attr("src", target);
                }
            }
        }
        return clean.body().html();
    }
}
