package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.dav.memory.InMemoryBackend;
import org.switchboard.dav.spi.CollectionKind;

/** The engine mounted under /dav instead of the root: every href and redirect carries the prefix. */
class PathPrefixTest {
    static DavTestServer server;

    @BeforeAll
    static void start() throws Exception {
        InMemoryBackend b = new InMemoryBackend().addPrincipal("alice", "Alice");
        b.addCollection("alice", "calendar", CollectionKind.CALENDAR, "Cal", false);
        server = new DavTestServer(b, DavConfig.defaults().withPathPrefix("/dav"));
    }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    @Test
    void hrefsCarryThePrefix() {
        HttpResponse<String> wk = server.alice("GET", "/dav/.well-known/caldav", null);
        assertEquals(301, wk.statusCode());
        assertEquals("/dav/", wk.headers().firstValue("Location").orElseThrow());
        Ms root = Ms.parse(server.alice("PROPFIND", "/dav/", DiscoveryTest.CURRENT_USER_PRINCIPAL, "Depth", "0").body());
        assertEquals("/dav/alice/", root.get("/dav/").text("current-user-principal"));
        HttpResponse<String> put = server.put("/dav/alice/calendar/a.ics", Ics.event("a@x", "20260101T100000Z", "20260101T110000Z", "A"));
        assertEquals(201, put.statusCode());
        assertEquals("/dav/alice/calendar/a.ics", put.headers().firstValue("Location").orElseThrow());
        String mg = "<C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/></D:prop>"
                + "<D:href>/dav/alice/calendar/a.ics</D:href><D:href>/alice/calendar/a.ics</D:href></C:calendar-multiget>";
        Ms ms = Ms.parse(server.alice("REPORT", "/dav/alice/calendar/", mg, "Depth", "1").body());
        assertEquals(put.headers().firstValue("ETag").orElseThrow(), ms.get("/dav/alice/calendar/a.ics").text("getetag"));
        assertEquals(true, ms.get("/alice/calendar/a.ics").status().contains("404"));
        assertEquals(404, server.alice("GET", "/alice/calendar/a.ics", null).statusCode());
    }
}
