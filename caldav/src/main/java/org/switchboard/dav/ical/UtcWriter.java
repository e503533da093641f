package org.switchboard.dav.ical;

import java.time.LocalDate;

/**
 * Writes instants (epoch seconds) as {@link Temporals#appendUtc} does, keeping the digits of the last day
 * written. Why: an expanded instance writes DTSTART, RECURRENCE-ID and DTEND, which mostly fall on one day,
 * and a {@code LocalDateTime}, a {@code LocalDate} and an array for each of them were about a seventh of an
 * expand's samples and much of its garbage (JFR, ADR 0022). One per element written; not thread-safe.
 */
final class UtcWriter {
    private static final long DAY = 86_400;
    /** {@code yyyyMMdd'T'HHmmss'Z'}; the first eight hold the day {@link #day}. */
    private final char[] c = new char[16];
    private long day = Long.MIN_VALUE;

    void append(StringBuilder sb, long epochSecond, boolean date) {
        long d = Math.floorDiv(epochSecond, DAY);
        if (d != day) {
            LocalDate t = LocalDate.ofEpochDay(d);
            if (t.getYear() < 0 || t.getYear() > 9999) {
                Temporals.appendUtc(sb, epochSecond, date); // the formatter's way, as before
                return;
            }
            Temporals.digits(c, 0, t.getYear(), 4);
            Temporals.digits(c, 4, t.getMonthValue(), 2);
            Temporals.digits(c, 6, t.getDayOfMonth(), 2);
            day = d;
        }
        if (date) {
            sb.append(c, 0, 8);
            return;
        }
        int s = (int) Math.floorMod(epochSecond, DAY);
        c[8] = 'T';
        Temporals.digits(c, 9, s / 3600, 2);
        Temporals.digits(c, 11, s / 60 % 60, 2);
        Temporals.digits(c, 13, s % 60, 2);
        c[15] = 'Z';
        sb.append(c, 0, 16);
    }
}
