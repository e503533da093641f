package org.switchboard.dav.report;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * {@code <text-match>} of RFC 4791 §9.7.5 (substring) and RFC 6352 §10.5.4 (with match-type), with the
 * collations of RFC 4790: i;ascii-casemap, i;unicode-casemap (RFC 5051), i;octet.
 */
public record TextMatch(String text, String collation, boolean negate, String matchType) {
    public static final Set<String> COLLATIONS = Set.of("i;ascii-casemap", "i;unicode-casemap", "i;octet");

    public boolean matches(String value) {
        if (value == null) return false;
        String a = fold(value);
        String b = fold(text);
        boolean m = switch (matchType == null ? "contains" : matchType) {
            case "equals" -> a.equals(b);
            case "starts-with" -> a.startsWith(b);
            case "ends-with" -> a.endsWith(b);
            default -> a.contains(b);
        };
        return m != negate;
    }

    private String fold(String s) {
        return switch (collation == null ? "i;ascii-casemap" : collation) {
            case "i;octet" -> s;
            case "i;unicode-casemap" -> Normalizer.normalize(s, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT)
                    .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            default -> asciiLower(s);
        };
    }

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }
}
