package org.switchboard.dav.xml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/** Builds a 207 Multi-Status body (RFC 4918 §13) response by response. */
public final class Multistatus {
    private static final QName ROOT = Ns.dav("multistatus");
    // made once: a report writes thousands of responses, and each name was a new QName (ADR 0022)
    private static final QName RESPONSE = Ns.dav("response");
    private static final QName HREF = Ns.dav("href");
    private static final QName PROPSTAT = Ns.dav("propstat");
    private static final QName PROP = Ns.dav("prop");
    private static final QName STATUS = Ns.dav("status");
    private final XmlOut out = XmlOut.document(ROOT);
    private int responses;

    /**
     * One response with propstats; {@code props} maps a status code to rendered property elements.
     * With no property at all the response carries a bare 200 status.
     */
    public Multistatus response(String href, Map<Integer, List<String>> props) {
        out.open(RESPONSE).element(HREF, href);
        boolean any = false;
        for (Map.Entry<Integer, List<String>> e : props.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            any = true;
            out.open(PROPSTAT).open(PROP);
            for (String p : e.getValue()) out.raw(p);
            out.close(PROP).element(STATUS, statusLine(e.getKey())).close(PROPSTAT);
        }
        // RFC 4918 §14.24: a response holds propstats or a status, never neither
        if (!any) out.element(STATUS, statusLine(200));
        out.close(RESPONSE);
        responses++;
        return this;
    }

    /** The same as {@code response(href, props(found, missing))}, without building the map. */
    public Multistatus response(String href, List<String> found, List<String> missing) {
        return response(href, found, null, missing);
    }

    /**
     * The same, with {@code last} (when not null) written after the {@code found} properties, in the same
     * propstat: an expanded calendar-data element goes straight into the document (ADR 0022).
     */
    public Multistatus response(String href, List<String> found, XmlOut.Fragment last, List<String> missing) {
        out.open(RESPONSE).element(HREF, href);
        if (!found.isEmpty() || last != null) {
            out.open(PROPSTAT).open(PROP);
            for (String p : found) out.raw(p);
            if (last != null) out.raw(last);
            out.close(PROP).element(STATUS, OK).close(PROPSTAT);
        }
        if (!missing.isEmpty()) propstat(missing, NOT_FOUND);
        if (found.isEmpty() && last == null && missing.isEmpty()) out.element(STATUS, OK);
        out.close(RESPONSE);
        responses++;
        return this;
    }

    private static final String OK = statusLine(200);
    private static final String NOT_FOUND = statusLine(404);

    private void propstat(List<String> props, String status) {
        out.open(PROPSTAT).open(PROP);
        for (String p : props) out.raw(p);
        out.close(PROP).element(STATUS, status).close(PROPSTAT);
    }

    /** Characters buffered and not yet {@link #drain()}ed. */
    public int buffered() { return out.length(); }

    /** The document so far, forgotten once returned: write it out and go on adding responses. */
    public String drain() { return out.drain(); }

    /** Writes the document so far to {@code w} and forgets it, as {@link #drain()} without a String. */
    public void drainTo(java.io.Writer w) throws java.io.IOException { out.drainTo(w); }

    /** A response with a bare status (e.g. 404 for a tombstone or a missing multiget href), optional error. */
    public Multistatus status(String href, int status, QName error) {
        out.open(RESPONSE).element(HREF, href).element(STATUS, statusLine(status));
        if (error != null) out.open(Ns.dav("error")).empty(error).close(Ns.dav("error"));
        out.close(RESPONSE);
        responses++;
        return this;
    }

    public int size() { return responses; }

    /** Adds {@code <d:sync-token>} (RFC 6578 §6.4) and finishes. */
    public String finish(String syncToken) {
        if (syncToken != null) out.element(Ns.dav("sync-token"), syncToken);
        return out.finish(ROOT);
    }

    public String finish() { return finish(null); }

    public static String statusLine(int code) {
        return "HTTP/1.1 " + code + " " + switch (code) {
            case 200 -> "OK";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 424 -> "Failed Dependency";
            case 507 -> "Insufficient Storage";
            default -> "Status";
        };
    }

    public static Map<Integer, List<String>> props(List<String> found, List<String> missing) {
        Map<Integer, List<String>> m = new LinkedHashMap<>();
        m.put(200, found);
        m.put(404, missing);
        return m;
    }
}
