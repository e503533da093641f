package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.dav.memory.InMemoryBackend;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;

/**
 * Expanded calendar-data is cached per object, ETag and range (ADR 0019): a repeated query is answered
 * without the objects' bodies, the same as the first time; a PUT or DELETE is seen at once; answers larger
 * than one streamed piece arrive whole.
 */
class ExpandCacheTest {
    static final String CAL = "/alice/calendar/";
    static final String EXPAND = "<D:getetag/><C:calendar-data><C:expand start=\"20261102T000000Z\" end=\"20261109T000000Z\"/></C:calendar-data>";
    /** Names the backend was asked for the bodies of. */
    final AtomicInteger bodiesFetched = new AtomicInteger();
    DavTestServer server;

    @BeforeEach
    void start() throws Exception {
        InMemoryBackend b = new InMemoryBackend() {
            @Override
            public List<DavObject> getAll(DavCollection c, Collection<String> names) {
                bodiesFetched.addAndGet(names.size());
                return super.getAll(c, names);
            }
        }.addPrincipal("alice", "Alice Archer", "alice@example.com");
        b.addCollection("alice", "calendar", CollectionKind.CALENDAR, "Alice's calendar", false);
        server = new DavTestServer(b, DavConfig.defaults());
    }

    @AfterEach
    void stop() throws Exception { server.close(); }

    void put(String name, String ics) {
        HttpResponse<String> r = server.put(CAL + name, ics);
        assertTrue(r.statusCode() == 201 || r.statusCode() == 204, r.body());
    }

    /** VCALENDAR › VEVENT only: answered from the listing (with the cache); with a time range: each candidate is parsed. */
    Ms report(boolean timeRange) {
        String filter = "<C:comp-filter name=\"VEVENT\">"
                + (timeRange ? "<C:time-range start=\"20261102T000000Z\" end=\"20261109T000000Z\"/>" : "") + "</C:comp-filter>";
        HttpResponse<String> r = server.alice("REPORT", CAL, CalendarQueryTest.query(EXPAND, filter), "Depth", "1",
                "Content-Type", "application/xml; charset=utf-8");
        assertEquals(207, r.statusCode(), r.body());
        return Ms.parse(r.body());
    }

    static String data(Ms ms, String name) {
        Ms.Resp r = ms.responses().get(CAL + name);
        return r == null ? null : r.text("calendar-data");
    }

    @Test
    void aRepeatedExpandIsAnsweredWithoutBodiesAndAChangeIsSeenAtOnce() {
        put("weekly.ics", Ics.event("w@example.com", "20261005T090000Z", "20261005T100000Z", "Weekly", "RRULE:FREQ=WEEKLY"));
        put("single.ics", Ics.event("s@example.com", "20261104T140000Z", "20261104T150000Z", "Demo"));
        Ms first = report(false);
        String weekly = data(first, "weekly.ics");
        assertTrue(weekly.contains("DTSTART:20261102T090000Z") && weekly.contains("RECURRENCE-ID:20261102T090000Z"), weekly);
        assertFalse(weekly.contains("RRULE"), weekly);

        bodiesFetched.set(0);
        Ms again = report(false);
        assertEquals(0, bodiesFetched.get(), "answered from the cache");
        assertEquals(weekly, data(again, "weekly.ics"));
        assertEquals(data(first, "single.ics"), data(again, "single.ics"));
        assertEquals(first.responses().get(CAL + "weekly.ics").text("getetag"), again.responses().get(CAL + "weekly.ics").text("getetag"));

        // a new ETag: the new text, fetched and shaped again; the other object still from the cache
        put("weekly.ics", Ics.event("w@example.com", "20261006T110000Z", "20261006T120000Z", "Weekly moved", "RRULE:FREQ=WEEKLY"));
        for (boolean timeRange : new boolean[] {false, true}) {
            bodiesFetched.set(0);
            Ms changed = report(timeRange);
            String moved = data(changed, "weekly.ics");
            assertTrue(moved.contains("SUMMARY:Weekly moved") && moved.contains("DTSTART:20261103T110000Z"), moved);
            assertFalse(moved.contains("20261102T090000Z"), moved);
            assertEquals(data(first, "single.ics"), data(changed, "single.ics"));
            // from the listing only the changed object is fetched; a time range makes every candidate parsed
            assertEquals(timeRange ? 2 : 1, bodiesFetched.get());
        }

        assertEquals(204, server.alice("DELETE", CAL + "weekly.ics", null).statusCode());
        for (boolean timeRange : new boolean[] {false, true}) {
            Ms deleted = report(timeRange);
            assertNull(data(deleted, "weekly.ics"));
            assertEquals(1, deleted.responses().size());
        }
    }

    @Test
    void expandKeepsTheTimeZonesOnlyWhileALineStillNamesOne() {
        put("weekly.ics", Ics.weekly("berlin@example.com"));
        put("zoned.ics", Ics.weekly("zoned@example.com").replace("RRULE:FREQ=WEEKLY;BYDAY=MO\r\n",
                "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nX-ORIGINAL-START;TZID=Europe/Berlin:20250106T090000\r\n"));
        Ms ms = report(false);
        String utc = data(ms, "weekly.ics");
        assertTrue(utc.contains("DTSTART:20261102T080000Z") && !utc.contains("VTIMEZONE"), utc);
        String zoned = data(ms, "zoned.ics");
        assertTrue(zoned.contains("X-ORIGINAL-START;TZID=Europe/Berlin") && zoned.contains("BEGIN:VTIMEZONE"), zoned);
    }

    @Test
    void anAnswerLargerThanOnePieceArrivesWhole() {
        int n = 400; // about 600 bytes each: several 64 KB pieces
        for (int i = 0; i < n; i++) {
            put("e" + i + ".ics", Ics.event("e" + i + "@example.com", "20261103T0900" + String.format("%02d", i % 60) + "Z",
                    "20261103T1000" + String.format("%02d", i % 60) + "Z", "Meeting " + i + " " + "x".repeat(200)));
        }
        for (boolean timeRange : new boolean[] {false, true, false}) {
            Ms ms = report(timeRange);
            assertEquals(n, ms.responses().size());
            for (int i = 0; i < n; i += 37) assertTrue(data(ms, "e" + i + ".ics").contains("SUMMARY:Meeting " + i + " x"));
        }
    }

    /**
     * The answer written from the templates straight into the document (ADR 0022) is, byte for byte, the
     * answer of the first request, which fetched, parsed and wrote each element as a String: hrefs and texts
     * that need escaping or percent-encoding, a property the objects lack, several pieces.
     */
    @Test
    void aRepeatedExpandIsTheSameBodyByteForByte() {
        put("a&b.ics", Ics.event("amp@example.com", "20261103T090000Z", "20261103T100000Z", "R&D <review> \"Grüße\"",
                "RRULE:FREQ=DAILY;COUNT=20", "DESCRIPTION:" + "Käse & Brot ".repeat(20)));
        put("caf%C3%A9.ics", Ics.event("cafe@example.com", "20261104T140000Z", "20261104T150000Z", "Café – 会議"));
        put("zoned.ics", Ics.weekly("zoned@example.com"));
        for (int i = 0; i < 150; i++) {
            put("e" + i + ".ics", Ics.event("e" + i + "@example.com", "20261105T0900" + String.format("%02d", i % 60) + "Z",
                    "20261105T1000" + String.format("%02d", i % 60) + "Z", "Meeting " + i + " " + "x".repeat(400)));
        }
        String props = "<D:getetag/><D:displayname/>" + EXPAND.substring("<D:getetag/>".length());
        String filter = "<C:comp-filter name=\"VEVENT\"/>";
        bodiesFetched.set(0);
        HttpResponse<String> first = server.alice("REPORT", CAL, CalendarQueryTest.query(props, filter), "Depth", "1",
                "Content-Type", "application/xml; charset=utf-8");
        assertEquals(153, bodiesFetched.get(), "the first request shapes every object");
        bodiesFetched.set(0);
        HttpResponse<String> again = server.alice("REPORT", CAL, CalendarQueryTest.query(props, filter), "Depth", "1",
                "Content-Type", "application/xml; charset=utf-8");
        assertEquals(0, bodiesFetched.get(), "the second from the templates");
        assertEquals(207, again.statusCode());
        assertTrue(first.body().contains("/alice/calendar/a&amp;b.ics</d:href>"), first.body());
        assertTrue(first.body().contains("/alice/calendar/caf%C3%A9.ics</d:href>"), first.body());
        assertTrue(first.body().contains("SUMMARY:R&amp;D &lt;review&gt; &quot;Grüße&quot;"), first.body());
        assertEquals(first.body(), again.body());
    }
}
