package org.switchboard.dav;

import java.nio.charset.StandardCharsets;
import org.switchboard.dav.spi.DavCollection;

/** Builds the hrefs the engine hands out, percent-encoding each path segment (RFC 3986 §3.3). */
public final class Hrefs {
    private final String prefix;

    public Hrefs(String prefix) { this.prefix = prefix; }

    public String root() { return prefix + "/"; }
    public String home(String home) { return prefix + "/" + segment(home) + "/"; }
    public String collection(DavCollection c) { return collection(c.home(), c.name()); }
    public String collection(String home, String name) {
        if (name.indexOf('/') < 0) return home(home) + segment(name) + "/";
        // a nested plain collection: each segment of its path encoded on its own
        StringBuilder sb = new StringBuilder(home(home));
        for (String s : name.split("/")) sb.append(segment(s)).append('/');
        return sb.toString();
    }
    public String object(DavCollection c, String name) { return collection(c) + segment(name); }

    public static String segment(String s) {
        if (plain(s)) return s;
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
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
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0)) return false;
        }
        return true;
    }
}
