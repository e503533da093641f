package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the DAV harnesses share: one request as a client sends it, the sync token of an answer, percentiles. */
final class DavRequests {
    private DavRequests() {
    }

    static String send(HttpClient http, int port, String method, String path, String auth, String depthOrType, String body, int expected)
            throws Exception {
        return send(http, "http://127.0.0.1:" + port, null, method, path, auth, depthOrType, body, expected);
    }

    /**
     * Sends and checks the status (a PUT expecting a 2xx accepts any 2xx: Radicale answers 201 to an update).
     * {@code depthOrType}: a media type ({@code application/…}, {@code text/…}) for the body, else the Depth of an
     * XML body; a PUT without one is iCalendar. {@code timeout} null: none (a timeout throws HttpTimeoutException).
     */
    static String send(HttpClient http, String base, Duration timeout, String method, String path, String auth, String depthOrType, String body,
            int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (depthOrType != null && (depthOrType.startsWith("application/") || depthOrType.startsWith("text/"))) {
            b.header("Content-Type", depthOrType);
        } else if (method.equals("PUT")) {
            b.header("Content-Type", "text/calendar; charset=utf-8");
        } else if (body != null) {
            b.header("Content-Type", "application/xml; charset=utf-8");
            if (depthOrType != null) {
                b.header("Depth", depthOrType);
            }
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        boolean anyWrite = method.equals("PUT") && expected / 100 == 2 && r.statusCode() / 100 == 2;
        if (r.statusCode() != expected && !anyWrite) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.body();
    }

    static String syncToken(String multistatus) {
        Matcher m = Pattern.compile("<(?:\\w+:)?sync-token>([^<]+)</").matcher(multistatus);
        if (!m.find()) {
            throw new IllegalStateException("no sync-token in " + multistatus.substring(0, Math.min(300, multistatus.length())));
        }
        return m.group(1);
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
