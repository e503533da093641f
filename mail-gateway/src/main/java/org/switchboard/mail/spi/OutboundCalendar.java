package org.switchboard.mail.spi;

/**
 * An iTIP message to carry by email (iMIP, RFC 6047): the composer puts it beside the text as
 * {@code text/calendar; method=<method>} and attaches the same bytes as {@code invite.ics}.
 *
 * @param method the iTIP method, which the iCalendar's METHOD property must equal (REQUEST, CANCEL, ...)
 * @param data   the iCalendar, UTF-8
 */
public record OutboundCalendar(String method, byte[] data) {
}
