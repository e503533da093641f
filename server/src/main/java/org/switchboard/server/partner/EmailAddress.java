package org.switchboard.server.partner;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Email addresses as we compare them: trimmed, angle brackets and display name removed, lower-cased,
 * domain in its ASCII (punycode) form. Local parts are case-sensitive in theory (RFC 5321 §2.4) but no
 * mail system our users meet treats them so, and matching must find "Anna@X.com" for "anna@x.com".
 */
public final class EmailAddress {
    private static final Pattern SHAPE = Pattern.compile("[^\\s@<>\"(),;:]+@[^\\s@<>\"(),;:]+\\.[^\\s@<>\"(),;:]+");

    private EmailAddress() {
    }

    /** The normalised address, or null when the text is not an address. */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt).trim();
        }
        if (!SHAPE.matcher(s).matches() || s.length() > 254) {
            return null;
        }
        int at = s.lastIndexOf('@');
        try {
            String domain = IDN.toASCII(s.substring(at + 1), IDN.ALLOW_UNASSIGNED);
            return (s.substring(0, at) + "@" + domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean isValid(String text) {
        return normalize(text) != null;
    }

    /** The domain part of a normalised address. */
    public static String domain(String normalized) {
        return normalized.substring(normalized.lastIndexOf('@') + 1);
    }
}
