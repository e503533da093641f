package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.memory.InMemoryBackend;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.WriteCondition;

/**
 * The targets.md requests on one calendar of 10,000 events (5% weekly recurring), in-memory backend,
 * loopback HTTP: each must answer correctly at that size. It prints the warm medians for a quick look but
 * asserts no time: speed targets live in bench/ and docs/benchmarks.md, measured on a quiet machine.
 */
class LargeCalendarTest {
    static DavTestServer server;
    static final String CAL = "/alice/big/";
    static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @BeforeAll
    static void load() throws Exception {
        InMemoryBackend b = new InMemoryBackend().addPrincipal("alice", "Alice", "alice@example.com");
        DavCollection c = b.addCollection("alice", "big", CollectionKind.CALENDAR, "Big", false);
        Instant base = Instant.parse("2024-01-01T08:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            Instant s = base.plusSeconds(3600L * 7 * i); // one event every 7 hours: about 8 years
            String ics = i % 20 == 0
                    ? Ics.event("e" + i + "@bench", F.format(s), F.format(s.plusSeconds(3600)), "Recurring " + i, "RRULE:FREQ=WEEKLY")
                    : Ics.event("e" + i + "@bench", F.format(s), F.format(s.plusSeconds(3600)), "Event " + i);
            byte[] data = ics.getBytes(StandardCharsets.UTF_8);
            ICalObject o = ICalObject.parse(data);
            b.put(c, new DavObject("e" + i + ".ics", DavObjects.etag(data), data, o.index(50_000)), WriteCondition.NONE);
        }
        server = new DavTestServer(b, DavConfig.defaults());
    }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    static final StringBuilder serverSide = new StringBuilder();
    static final java.util.List<Long> cpu = new java.util.ArrayList<>();

    static long medianMillis(Supplier<HttpResponse<String>> request, int expectStatus) {
        for (int i = 0; i < 3; i++) assertEquals(expectStatus, request.get().statusCode()); // warm up
        long[] t = new long[7];
        long[] server = new long[7];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = request.get();
            t[i] = (System.nanoTime() - t0) / 1_000_000;
            server[i] = DavTestServer.lastServerCpuNanos / 1_000_000;
            assertEquals(expectStatus, r.statusCode());
        }
        java.util.Arrays.sort(t);
        java.util.Arrays.sort(server);
        serverSide.append(' ').append(server[server.length / 2]);
        cpu.add(server[server.length / 2]);
        return t[t.length / 2];
    }

    static String query(String props, String start, String end) {
        return "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop>" + props + "</D:prop>"
                + "<C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range start=\"" + start
                + "\" end=\"" + end + "\"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>";
    }

    @Test
    void figures() {
        long week = medianMillis(() -> server.alice("REPORT", CAL, query("<D:getetag/>", "20270301T000000Z", "20270308T000000Z"), "Depth", "1"), 207);
        int hits = Ms.parse(server.alice("REPORT", CAL, query("<D:getetag/>", "20270301T000000Z", "20270308T000000Z"), "Depth", "1").body()).size();
        assertTrue(hits > 24, "the week's single events plus the weekly ones that started before: " + hits);
        long propfind = medianMillis(() -> server.alice("PROPFIND", CAL, "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>", "Depth", "1"), 207);
        String expandProps = "<D:getetag/><C:calendar-data><C:expand start=\"20270301T000000Z\" end=\"20270401T000000Z\"/></C:calendar-data>";
        long expand = medianMillis(() -> server.alice("REPORT", CAL, query(expandProps, "20270301T000000Z", "20270401T000000Z"), "Depth", "1"), 207);
        long freeBusy = medianMillis(() -> server.alice("REPORT", CAL, "<C:free-busy-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + "<C:time-range start=\"20270301T000000Z\" end=\"20270401T000000Z\"/></C:free-busy-query>", "Depth", "1"), 200);
        String token = Ms.parse(server.alice("REPORT", CAL, "<sync-collection xmlns=\"DAV:\"><sync-token/><sync-level>1</sync-level><prop><getetag/></prop></sync-collection>", "Depth", "1").body()).syncToken();
        server.put(CAL + "e5.ics", Ics.event("e5@bench", "20270302T100000Z", "20270302T110000Z", "changed"));
        long sync = medianMillis(() -> server.alice("REPORT", CAL, "<sync-collection xmlns=\"DAV:\"><sync-token>" + token
                + "</sync-token><sync-level>1</sync-level><prop><getetag/></prop></sync-collection>", "Depth", "1"), 207);
        System.out.printf("10,000 events: calendar-query week %d ms (%d hits), PROPFIND Depth 1 %d ms, expand month %d ms, "
                + "free-busy month %d ms, sync one change %d ms; CPU time in the servlet (same order):%s ms%n", week, hits, propfind, expand,
                freeBusy, sync, serverSide);
    }
}
