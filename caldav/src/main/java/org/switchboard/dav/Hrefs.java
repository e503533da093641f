package org.switchboard.dav;

import java.nio.charset.StandardCharsets;
import org.switchboard.dav.spi.DavCollection;

/**
 * Builds the hrefs the engine hands out, percent-encoding each path segment (RFC 3986 §3.3). One per request
 * ({@link DavContext}); it remembers the href of the last collection asked for, because a report builds the
 * href of each of thousands of members of the same collection.
 */
public final class Hrefs {
    /** The ASCII characters a segment carries as they are: unreserved, sub-delims, ':' and '@'. */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) PLAIN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) PLAIN[c] = true;
        for (char c = '0'; c <= '9'; c++) PLAIN[c] = true;
        for (char c : "-._~!$&'()*+,;=:@".toCharArray()) PLAIN[c] = true;
    }

    private final String prefix;
    private DavCollection lastCollection;
    private String lastCollectionHref;

    public Hrefs(String prefix) { this.prefix = prefix; }

    public String root() { return prefix + "/"; }
    public String home(String home) { return prefix + "/" + segment(home) + "/"; }

    public String collection(DavCollection c) {
        // the same instance: a DavCollection's home and name do not change
        if (c != lastCollection) {
            lastCollectionHref = collection(c.home(), c.name());
            lastCollection = c;
        }
        return lastCollectionHref;
    }

    public String collection(String home, String name) {
        if (name.indexOf('/') < 0) return home(home) + segment(name) + "/";
        // a nested plain collection: each segment of its path encoded on its own
        StringBuilder sb = new StringBuilder(home(home));
        for (String s : name.split("/")) sb.append(segment(s)).append('/');
        return sb.toString();
    }
    public String object(DavCollection c, String name) { return collection(c).concat(segment(name)); }

    public static String segment(String s) {
        if (plain(s)) return s;
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && PLAIN[c]) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** True when no character needs encoding (the usual {@code <uid>.ics}). */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !PLAIN[c]) return false;
        }
        return true;
    }
}
