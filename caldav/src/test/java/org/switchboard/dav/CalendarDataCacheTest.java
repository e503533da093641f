package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.dav.ical.CalendarDataRequest;

/** The bound and the keys of the shaped calendar-data cache (ADR 0019); its use over HTTP is in ExpandCacheTest. */
class CalendarDataCacheTest {
    static final CalendarDataRequest JUNE = expand("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z");
    static final CalendarDataRequest JULY = expand("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z");

    static CalendarDataRequest expand(String start, String end) {
        return new CalendarDataRequest(null, Instant.parse(start), Instant.parse(end), true, null, null, false);
    }

    static CalendarDataCache.Key key(int i, String etag, CalendarDataRequest r) {
        return new CalendarDataCache.Key("/alice/calendar/" + i + ".ics", etag, r);
    }

    @Test
    void anotherEtagOrRangeIsAnotherEntry() {
        CalendarDataCache cache = new CalendarDataCache(1 << 20);
        cache.put(key(1, "\"a\"", JUNE), "<C:calendar-data>v1</C:calendar-data>");
        assertEquals("<C:calendar-data>v1</C:calendar-data>", cache.get(key(1, "\"a\"", expand("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"))));
        assertNull(cache.get(key(1, "\"b\"", JUNE)), "a changed object (new ETag) is never answered with the old text");
        assertNull(cache.get(key(1, "\"a\"", JULY)));
        assertNull(cache.get(key(2, "\"a\"", JUNE)));
        assertNull(cache.get(key(1, "\"a\"", new CalendarDataRequest(null, null, null, false, JUNE.expandStart(), JUNE.expandEnd(), true))),
                "limit-recurrence-set over the same range is another shape");
    }

    @Test
    void theTotalSizeStaysWithinTheBoundDroppingTheLeastRecentlyUsed() {
        long bound = 100_000;
        CalendarDataCache cache = new CalendarDataCache(bound);
        String text = "x".repeat(1000);
        cache.put(key(0, "\"e0\"", JUNE), text);
        for (int i = 1; i < 1000; i++) {
            cache.get(key(0, "\"e0\"", JUNE)); // kept in use
            cache.put(key(i, "\"e" + i + "\"", JUNE), text);
            assertTrue(cache.chars() <= bound, "over the bound after " + i + ": " + cache.chars());
        }
        assertTrue(cache.size() > 50 && cache.size() < 100, "entries: " + cache.size());
        assertNotNull(cache.get(key(0, "\"e0\"", JUNE)), "the entry in use stays");
        assertNull(cache.get(key(1, "\"e1\"", JUNE)), "the oldest unused went first");
        assertNotNull(cache.get(key(999, "\"e999\"", JUNE)));
    }

    @Test
    void replacingAnEntryCountsItOnceAndAHugeOneIsNotKept() {
        CalendarDataCache cache = new CalendarDataCache(80_000);
        cache.put(key(1, "\"a\"", JUNE), "x".repeat(5000));
        long one = cache.chars();
        cache.put(key(1, "\"a\"", JUNE), "x".repeat(5000));
        assertEquals(one, cache.chars());
        cache.put(key(2, "\"b\"", JUNE), "y".repeat(20_000)); // more than an eighth of the bound
        assertNull(cache.get(key(2, "\"b\"", JUNE)));
        assertEquals(1, cache.size());
    }
}
