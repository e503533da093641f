package org.switchboard.server.dav;

import org.switchboard.server.testing.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bare DAV client for the end-to-end tests: any method, raw bytes, optional headers. */
public final class DavHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String authorization;

    private DavHttp(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static DavHttp basic(int port, String user, String password) {
        return new DavHttp("http://localhost:" + port, ApiClient.basicAuthorization(user, password));
    }

    public static DavHttp bearer(int port, String token) {
        return new DavHttp("http://localhost:" + port, "Bearer " + token);
    }

    public static DavHttp anonymous(int port) {
        return new DavHttp("http://localhost:" + port, null);
    }

    public HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> put(String path, String ics, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "text/calendar; charset=utf-8";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("PUT", path, ics.getBytes(StandardCharsets.UTF_8), all);
    }

    public HttpResponse<byte[]> xml(String method, String path, String depth, String body) {
        return send(method, path, body.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/xml; charset=utf-8", "Depth", depth);
    }

    public static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** The text of the first element named {@code localName} (any prefix), or null. */
    public static String element(String xml, String localName) {
        Matcher m = Pattern.compile("<(?:[A-Za-z0-9]+:)?" + localName + "(?:\\s[^>]*)?>([^<]*)</").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    /** An RFC 6578 sync-collection body asking for ETags; a null token is the initial sync. */
    public static String syncCollection(String token) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><sync-collection xmlns=\"DAV:\">"
                + (token == null ? "<sync-token/>" : "<sync-token>" + token + "</sync-token>")
                + "<sync-level>1</sync-level><prop><getetag/></prop></sync-collection>";
    }

    public static String event(String uid, String start, String summary, String rrule) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Switchboard tests//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:" + start + "\r\nDURATION:PT1H\r\n"
                + (rrule == null ? "" : "RRULE:" + rrule + "\r\n") + "SUMMARY:" + summary + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }
}
