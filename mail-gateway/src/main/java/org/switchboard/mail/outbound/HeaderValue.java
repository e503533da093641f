package org.switchboard.mail.outbound;

/**
 * Header values from the CRM are checked before they reach a header: CR, LF or NUL in a value would let
 * the value end the header and start another one (header injection; RFC 5322 §2.2 — a field body is one
 * logical line). Such a message is refused, never cleaned up and sent.
 */
final class HeaderValue {

    private HeaderValue() {
    }

    static String require(String what, String value) {
        if (value == null) {
            throw new InvalidMessageException(what + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new InvalidMessageException(what + " contains a line break or NUL");
            }
        }
        return value;
    }

    /** A msg-id without brackets: no spaces, no brackets, no line breaks (RFC 5322 §3.6.4). */
    static String messageId(String what, String id) {
        require(what, id);
        if (id.isEmpty() || id.length() > 250 || !id.matches("[^<>\\s\"]+")) {
            throw new InvalidMessageException(what + " is not a valid message id");
        }
        return "<" + id + ">";
    }
}
