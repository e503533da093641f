package org.switchboard.mail.route;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.switchboard.mail.parse.Attachment;
import org.switchboard.mail.parse.ParsedMessage;

/**
 * Finds the iTIP REPLY a message carries (iMIP, RFC 6047): a {@code text/calendar} (or {@code application/ics})
 * part whose METHOD property is REPLY. Only the METHOD line is read here; the CRM parses the iCalendar.
 */
public final class CalendarReplies {
    /** Larger parts are no reply a calendar client sends (one event, one attendee): they are not looked at. */
    public static final int MAX_BYTES = 256 * 1024;

    private CalendarReplies() {
    }

    public static Optional<byte[]> of(ParsedMessage message) {
        for (Attachment a : message.attachments()) {
            if (!a.contentType().equals("text/calendar") && !a.contentType().equals("application/ics")) {
                continue;
            }
            if (a.content().isEmpty() || a.content().get().length > MAX_BYTES) {
                continue;
            }
            if ("REPLY".equals(method(a.content().get()))) {
                return a.content();
            }
        }
        return Optional.empty();
    }

    /** The VCALENDAR's METHOD value, upper case, or null; folded lines (RFC 5545 §3.1) are unfolded first. */
    static String method(byte[] ics) {
        String text = new String(ics, StandardCharsets.UTF_8).replaceAll("\r?\n[ \t]", "");
        for (String line : text.split("\r?\n")) {
            if (line.regionMatches(true, 0, "METHOD:", 0, 7)) {
                return line.substring(7).strip().toUpperCase(Locale.ROOT);
            }
            if (line.regionMatches(true, 0, "BEGIN:V", 0, 7) && !line.equalsIgnoreCase("BEGIN:VCALENDAR")) {
                return null; // METHOD is a calendar property: it comes before the first component
            }
        }
        return null;
    }
}
