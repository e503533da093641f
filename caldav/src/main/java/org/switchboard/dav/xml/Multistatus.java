package org.switchboard.dav.xml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;

/** Builds a 207 Multi-Status body (RFC 4918 §13) response by response. */
public final class Multistatus {
    private static final QName ROOT = Ns.dav("multistatus");
    private final XmlOut out = XmlOut.document(ROOT);
    private int responses;

    /**
     * One response with propstats; {@code props} maps a status code to rendered property elements.
     * With no property at all the response carries a bare 200 status.
     */
    public Multistatus response(String href, Map<Integer, List<String>> props) {
        out.open(Ns.dav("response")).element(Ns.dav("href"), href);
        boolean any = false;
        for (Map.Entry<Integer, List<String>> e : props.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            any = true;
            out.open(Ns.dav("propstat")).open(Ns.dav("prop"));
            for (String p : e.getValue()) out.raw(p);
            out.close(Ns.dav("prop")).element(Ns.dav("status"), statusLine(e.getKey())).close(Ns.dav("propstat"));
        }
        // RFC 4918 §14.24: a response holds propstats or a status, never neither
        if (!any) out.element(Ns.dav("status"), statusLine(200));
        out.close(Ns.dav("response"));
        responses++;
        return this;
    }

    /** The same as {@code response(href, props(found, missing))}, without building the map. */
    public Multistatus response(String href, List<String> found, List<String> missing) {
        out.open(Ns.dav("response")).element(Ns.dav("href"), href);
        if (!found.isEmpty()) propstat(found, OK);
        if (!missing.isEmpty()) propstat(missing, NOT_FOUND);
        if (found.isEmpty() && missing.isEmpty()) out.element(Ns.dav("status"), OK);
        out.close(Ns.dav("response"));
        responses++;
        return this;
    }

    private static final String OK = statusLine(200);
    private static final String NOT_FOUND = statusLine(404);

    private void propstat(List<String> props, String status) {
        out.open(Ns.dav("propstat")).open(Ns.dav("prop"));
        for (String p : props) out.raw(p);
        out.close(Ns.dav("prop")).element(Ns.dav("status"), status).close(Ns.dav("propstat"));
    }

    /** Characters buffered and not yet {@link #drain()}ed. */
    public int buffered() { return out.length(); }

    /** The document so far, forgotten once returned: write it out and go on adding responses. */
    public String drain() { return out.drain(); }

    /** A response with a bare status (e.g. 404 for a tombstone or a missing multiget href), optional error. */
    public Multistatus status(String href, int status, QName error) {
        out.open(Ns.dav("response")).element(Ns.dav("href"), href).element(Ns.dav("status"), statusLine(status));
        if (error != null) out.open(Ns.dav("error")).empty(error).close(Ns.dav("error"));
        out.close(Ns.dav("response"));
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
