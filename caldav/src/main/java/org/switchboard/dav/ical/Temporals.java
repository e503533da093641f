package org.switchboard.dav.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;

/** Conversions between iCalendar's kinds of time (DATE, floating, UTC, zoned) and instants. */
public final class Temporals {
    /** Floating times and dates are evaluated in UTC (RFC 4791 §9.9 allows the calendar-timezone; we use UTC). */
    public static final ZoneId FLOATING = ZoneOffset.UTC;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private Temporals() {}

    public static Instant toInstant(Temporal t) {
        if (t == null) return null;
        if (t instanceof Instant i) return i;
        if (t instanceof ZonedDateTime z) return z.toInstant();
        if (t instanceof OffsetDateTime o) return o.toInstant();
        if (t instanceof LocalDateTime l) return l.atZone(FLOATING).toInstant();
        if (t instanceof LocalDate d) return d.atStartOfDay(FLOATING).toInstant();
        throw new IllegalArgumentException("unsupported time " + t.getClass());
    }

    public static boolean isDate(Temporal t) { return t instanceof LocalDate; }

    /** {@code i} expressed as the same kind of temporal as {@code like} (for ical4j recurrence ranges). */
    public static Temporal like(Instant i, Temporal like) {
        if (like instanceof Instant) return i;
        if (like instanceof ZonedDateTime z) return i.atZone(z.getZone());
        if (like instanceof OffsetDateTime o) return i.atOffset(o.getOffset());
        if (like instanceof LocalDateTime) return LocalDateTime.ofInstant(i, FLOATING);
        if (like instanceof LocalDate) return LocalDate.ofInstant(i, FLOATING);
        return i;
    }

    /** {@code t + amount}, promoting a DATE to midnight when the amount has a time part. */
    public static Instant plus(Temporal t, TemporalAmount amount) {
        if (t instanceof LocalDate d && amount instanceof Duration) {
            return toInstant(d.atStartOfDay().plus(amount));
        }
        if (t instanceof Instant i && amount instanceof java.time.Period p) {
            return i.atZone(ZoneOffset.UTC).plus(p).toInstant();
        }
        return toInstant(t.plus(amount));
    }

    public static String formatUtc(Instant i) { return UTC.format(i); }

    public static String formatDate(Instant i) { return DATE.format(LocalDate.ofInstant(i, FLOATING)); }

    /**
     * Appends what {@link #formatUtc} (or {@link #formatDate} when {@code date}) gives for the instant
     * {@code epochSecond}, without a formatter: expand writes three of them per instance (ADR 0020).
     */
    public static void appendUtc(StringBuilder sb, long epochSecond, boolean date) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            Instant i = Instant.ofEpochSecond(epochSecond);
            sb.append(date ? formatDate(i) : formatUtc(i));
            return;
        }
        // into one small array and appended once: written per expanded instance, this was a tenth of an
        // expand's CPU when it went digit by digit through Math.pow and StringBuilder.append(char)
        char[] c = new char[date ? 8 : 16];
        digits(c, 0, t.getYear(), 4);
        digits(c, 4, t.getMonthValue(), 2);
        digits(c, 6, t.getDayOfMonth(), 2);
        if (!date) {
            c[8] = 'T';
            digits(c, 9, t.getHour(), 2);
            digits(c, 11, t.getMinute(), 2);
            digits(c, 13, t.getSecond(), 2);
            c[15] = 'Z';
        }
        sb.append(c);
    }

    static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Parses a CalDAV time-range attribute ({@code 20260101T000000Z}); null stays null. */
    public static Instant parseUtc(String s) {
        if (s == null || s.isBlank()) return null;
        String v = s.trim();
        if (v.length() == 8) return LocalDate.parse(v, DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!v.endsWith("Z")) throw new IllegalArgumentException("time-range must be in UTC: " + s);
        return LocalDateTime.parse(v.substring(0, v.length() - 1), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                .toInstant(ZoneOffset.UTC);
    }
}
