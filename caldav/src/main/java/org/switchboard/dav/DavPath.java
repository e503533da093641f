package org.switchboard.dav;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path in the Radicale layout: {@code /} (root), {@code /<home>/} (principal and home),
 * {@code /<home>/<collection>/}, {@code /<home>/<collection>/<object>}, and the well-known URIs.
 *
 * <p>Plain WebDAV collections nest ({@link org.switchboard.dav.spi.PlainCollections}): a longer path parses as
 * an OBJECT whose {@code collection} is the path of its parent below the home ({@code docs/2026}). Whether
 * its last segment is a file or a nested collection only the backend knows; {@link DavContext} settles it
 * with {@link #asCollection()}.
 */
public record DavPath(Type type, String home, String collection, String object) {
    public enum Type { ROOT, WELL_KNOWN, PRINCIPAL, COLLECTION, OBJECT, INVALID }

    /** At most this many segments below the home; deeper paths are 404. */
    static final int MAX_DEPTH = 32;

    /** For an OBJECT path: the same path taken as a (nested) collection. */
    public DavPath asCollection() {
        return new DavPath(Type.COLLECTION, home, collection + "/" + object, null);
    }

    /** For a COLLECTION path: the name of the collection it is nested in, null when it is directly in the home. */
    public String parentName() {
        int i = collection.lastIndexOf('/');
        return i < 0 ? null : collection.substring(0, i);
    }

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
        if (seg.size() > MAX_DEPTH + 1) return new DavPath(Type.INVALID, null, null, null);
        return switch (seg.size()) {
            case 1 -> new DavPath(Type.PRINCIPAL, seg.get(0), null, null);
            case 2 -> new DavPath(Type.COLLECTION, seg.get(0), seg.get(1), null);
            default -> new DavPath(Type.OBJECT, seg.get(0), String.join("/", seg.subList(1, seg.size() - 1)),
                    seg.get(seg.size() - 1));
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
