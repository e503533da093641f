package org.switchboard.dav;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path in the Radicale layout: {@code /} (root), {@code /<home>/} (principal and home),
 * {@code /<home>/<collection>/}, {@code /<home>/<collection>/<object>}, and the well-known URIs.
 */
public record DavPath(Type type, String home, String collection, String object) {
    public enum Type { ROOT, WELL_KNOWN, PRINCIPAL, COLLECTION, OBJECT, INVALID }

    /** Parses a raw (still percent-encoded) request path, {@code prefix} already removed. */
    public static DavPath parse(String raw) {
        List<String> seg = new ArrayList<>();
        for (String s : raw.split("/")) {
            if (s.isEmpty()) continue;
            String d;
            try {
                d = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new DavPath(Type.INVALID, null, null, null);
            }
            if (d.equals(".") || d.equals("..") || d.contains("/") || d.indexOf('\0') >= 0) {
                return new DavPath(Type.INVALID, null, null, null);
            }
            seg.add(d);
        }
        if (seg.isEmpty()) return new DavPath(Type.ROOT, null, null, null);
        if (seg.get(0).equals(".well-known")) {
            return seg.size() == 2 && (seg.get(1).equals("caldav") || seg.get(1).equals("carddav"))
                    ? new DavPath(Type.WELL_KNOWN, null, seg.get(1), null) : new DavPath(Type.INVALID, null, null, null);
        }
        return switch (seg.size()) {
            case 1 -> new DavPath(Type.PRINCIPAL, seg.get(0), null, null);
            case 2 -> new DavPath(Type.COLLECTION, seg.get(0), seg.get(1), null);
            case 3 -> new DavPath(Type.OBJECT, seg.get(0), seg.get(1), seg.get(2));
            default -> new DavPath(Type.INVALID, null, null, null);
        };
    }

    /** Parses an href from a request body (absolute URL or path) relative to the mount {@code prefix}. */
    public static DavPath fromHref(String href, String prefix) {
        String p = href.trim();
        try {
            URI u = URI.create(p.replace(" ", "%20"));
            if (u.getRawPath() != null) p = u.getRawPath();
        } catch (IllegalArgumentException e) {
            return new DavPath(Type.INVALID, null, null, null);
        }
        if (!prefix.isEmpty()) {
            if (!p.startsWith(prefix)) return new DavPath(Type.INVALID, null, null, null);
            p = p.substring(prefix.length());
        }
        return parse(p);
    }
}
