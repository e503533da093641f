package org.switchboard.dav.method;

import java.util.regex.Pattern;
import org.switchboard.dav.DavException;

/** The Content-Type of a file PUT into a plain collection: checked (it is stored and served back), not interpreted. */
final class MediaType {
    private MediaType() {}

    /** Longest Content-Type stored; a longer one is refused rather than cut. */
    static final int MAX = 255;
    static final String DEFAULT = "application/octet-stream";
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    // RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS parameter ), parameter values as tokens or quoted strings
    private static final Pattern SYNTAX = Pattern.compile(TOKEN + "/" + TOKEN
            + "(\\s*;\\s*" + TOKEN + "=(" + TOKEN + "|\"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*\"))*\\s*");

    /** The header as it will be stored; the default when absent; 400 when malformed or too long. */
    static String of(String header) throws DavException {
        if (header == null || header.isBlank()) return DEFAULT;
        String t = header.trim();
        if (t.length() > MAX || !SYNTAX.matcher(t).matches()) throw new DavException(400, "malformed Content-Type");
        return t;
    }
}
