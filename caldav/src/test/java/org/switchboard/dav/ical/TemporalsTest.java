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
}
