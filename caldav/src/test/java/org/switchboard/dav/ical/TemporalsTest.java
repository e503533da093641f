package org.switchboard.dav.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TemporalsTest {
    @Test
    void appendUtcWritesWhatTheFormattersWrite() {
        for (Instant i : List.of(Instant.parse("2026-12-21T09:05:07Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("2024-02-29T12:00:00Z"),
                Instant.parse("1969-07-20T20:17:40Z"))) {
            StringBuilder time = new StringBuilder("x");
            Temporals.appendUtc(time, i.getEpochSecond(), false);
            assertEquals("x" + Temporals.formatUtc(i), time.toString());
            StringBuilder date = new StringBuilder();
            Temporals.appendUtc(date, i.getEpochSecond(), true);
            assertEquals(Temporals.formatDate(i), date.toString());
        }
    }

    /**
     * The writer that keeps the last day's digits (ADR 0022) writes what the formatters write, character for
     * character, whatever the order of the times: the same day again, the day before, across midnight and
     * years, before 1970, at the ends of the four-digit years and past them.
     */
    @Test
    void utcWriterWritesWhatTheFormattersWriteInAnyOrder() {
        List<Instant> times = new java.util.ArrayList<>(List.of(Instant.parse("2026-12-21T09:05:07Z"),
                Instant.parse("2026-12-21T23:59:59Z"), Instant.parse("2026-12-22T00:00:00Z"), Instant.parse("2026-12-21T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59Z"), Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2024-02-29T12:00:00Z"),
                Instant.parse("2024-02-29T12:00:01Z"), Instant.parse("1969-07-20T20:17:40Z"), Instant.parse("2026-12-21T09:05:07Z")));
        java.util.Random random = new java.util.Random(4);
        for (int k = 0; k < 2000; k++) {
            times.add(Instant.ofEpochSecond(Instant.parse("1960-01-01T00:00:00Z").getEpochSecond() + random.nextInt(Integer.MAX_VALUE)));
        }
        UtcWriter writer = new UtcWriter();
        StringBuilder written = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (Instant i : times) {
            for (boolean date : new boolean[] {false, true, false}) {
                writer.append(written, i.getEpochSecond(), date);
                Temporals.appendUtc(expected, i.getEpochSecond(), date);
                expected.append(' ');
                written.append(' ');
            }
        }
        assertEquals(expected.toString(), written.toString());
        assertEquals(Temporals.formatUtc(times.get(0)) + " " + Temporals.formatDate(times.get(0)),
                written.substring(0, 16 + 1 + 8));
    }
}
