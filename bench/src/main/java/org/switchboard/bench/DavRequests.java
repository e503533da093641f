package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the DAV harnesses share: one request as a client sends it, the sync token of an answer, percentiles. */
final class DavRequests {
    private DavRequests() {
    }

    /**
     * Sends and checks the status. {@code depthOrType}: a media type ({@code application/…}) for an API body,
     * else the Depth of an XML body; a PUT without one is iCalendar.
     */
    static String send(HttpClient http, int port, String method, String path, String auth, String depthOrType, String body, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", auth)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (depthOrType != null && depthOrType.startsWith("application/")) {
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
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
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
