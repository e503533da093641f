package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sync-collection (RFC 6578), calendar-multiget (RFC 4791 §7.9) and free-busy-query (§7.10). */
class SyncAndMultigetTest {
    static DavTestServer server;

    @BeforeAll
    static void start() throws Exception { server = DavTestServer.standard(); }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    static String sync(String token, String extra) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><sync-collection xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + (token == null ? "<sync-token/>" : "<sync-token>" + token + "</sync-token>")
                + "<sync-level>1</sync-level>" + extra + "<prop><getetag/></prop></sync-collection>";
    }

    static HttpResponse<String> report(String path, String body) {
        // Thunderbird and iOS send Depth: 1 with sync-collection
        return server.alice("REPORT", path, body, "Depth", "1", "Content-Type", "text/xml");
    }

    @Test
    void syncWithTombstonesAndBadToken() {
        String cal = "/bob/team/";
        assertEquals(201, server.put(cal + "a.ics", Ics.event("a@x", "20260101T100000Z", "20260101T110000Z", "A")).statusCode());
        assertEquals(201, server.put(cal + "b.ics", Ics.event("b@x", "20260102T100000Z", "20260102T110000Z", "B")).statusCode());
        HttpResponse<String> r = report(cal, sync(null, ""));
        assertEquals(207, r.statusCode(), r.body());
        Ms first = Ms.parse(r.body());
        assertEquals(2, first.size());
        assertNotNull(first.get(cal + "a.ics").text("getetag"));
        String t1 = first.syncToken();
        assertNotNull(t1);
        // nothing changed: empty answer, same token
        Ms same = Ms.parse(report(cal, sync(t1, "")).body());
        assertEquals(0, same.size());
        assertEquals(t1, same.syncToken());
        // one update, one delete, one create
        assertEquals(204, server.put(cal + "a.ics", Ics.event("a@x", "20260101T100000Z", "20260101T120000Z", "A2")).statusCode());
        assertEquals(204, server.alice("DELETE", cal + "b.ics", null).statusCode());
        assertEquals(201, server.put(cal + "c.ics", Ics.event("c@x", "20260103T100000Z", "20260103T110000Z", "C")).statusCode());
        Ms delta = Ms.parse(report(cal, sync(t1, "")).body());
        assertEquals(3, delta.size());
        assertNotNull(delta.get(cal + "a.ics").text("getetag"));
        assertNotNull(delta.get(cal + "c.ics").text("getetag"));
        assertTrue(delta.get(cal + "b.ics").status().contains("404"), "tombstone");
        assertNotEquals(t1, delta.syncToken());
        // the ctag follows the sync token
        Ms pf = Ms.parse(server.alice("PROPFIND", cal, "<propfind xmlns=\"DAV:\"><prop><getctag xmlns=\"http://calendarserver.org/ns/\"/></prop></propfind>", "Depth", "0").body());
        assertEquals(delta.syncToken(), pf.get(cal).text("getctag"));
        // an unknown token: 403 valid-sync-token, so the client starts over
        HttpResponse<String> bad = report(cal, sync("urn:switchboard:sync:nope:1", ""));
        assertEquals(403, bad.statusCode());
        assertTrue(bad.body().contains("valid-sync-token"));
        assertEquals(403, report(cal, sync("http://example.com/ns/sync/1234", "")).statusCode());
    }

    @Test
    void syncTruncatesAtLimitWith507() {
        String book = "/alice/contacts/";
        for (int i = 0; i < 5; i++) {
            assertEquals(201, server.put(book + "p" + i + ".vcf", Ics.vcard4("p" + i, "Person " + i, "p" + i + "@example.com")).statusCode());
        }
        Ms page = Ms.parse(report(book, sync(null, "<limit><nresults>3</nresults></limit>")).body());
        assertEquals(4, page.size(), "3 members and the 507 for the collection");
        assertTrue(page.get(book).status().contains("507"));
        Ms rest = Ms.parse(report(book, sync(page.syncToken(), "")).body());
        assertEquals(2, rest.size());
    }

    @Test
    void calendarMultiget() {
        String cal = "/alice/calendar/";
        String ics = Ics.event("mg@x", "20260201T100000Z", "20260201T110000Z", "Multiget me");
        assertEquals(201, server.put(cal + "mg.ics", ics).statusCode());
        String body = "<C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/><C:calendar-data/></D:prop>"
                + "<D:href>" + cal + "mg.ics</D:href><D:href>http://127.0.0.1:" + server.port + cal + "mg.ics</D:href>"
                + "<D:href>" + cal + "missing.ics</D:href><D:href>/bob/private/secret.ics</D:href></C:calendar-multiget>";
        HttpResponse<String> r = report(cal, body);
        assertEquals(207, r.statusCode(), r.body());
        Ms ms = Ms.parse(r.body());
        assertEquals(ics, ms.get(cal + "mg.ics").text("calendar-data"));
        assertTrue(ms.get(cal + "missing.ics").status().contains("404"));
        assertTrue(ms.get("/bob/private/secret.ics").status().contains("403"));
    }

    @Test
    void freeBusy() {
        String cal = "/alice/calendar/";
        server.put(cal + "fb1.ics", Ics.event("fb1@x", "20260901T090000Z", "20260901T100000Z", "busy"));
        server.put(cal + "fb2.ics", Ics.event("fb2@x", "20260901T093000Z", "20260901T110000Z", "overlapping"));
        server.put(cal + "fb3.ics", Ics.event("fb3@x", "20260901T130000Z", "20260901T140000Z", "free", "TRANSP:TRANSPARENT"));
        server.put(cal + "fb4.ics", Ics.event("fb4@x", "20260901T150000Z", "20260901T160000Z", "maybe", "STATUS:TENTATIVE"));
        server.put(cal + "fbw.ics", Ics.weekly("fbw@x"));
        String body = "<C:free-busy-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><C:time-range start=\"20260901T000000Z\" end=\"20260902T000000Z\"/></C:free-busy-query>";
        HttpResponse<String> r = server.alice("REPORT", cal, body, "Depth", "1");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/calendar"));
        String fb = r.body();
        assertTrue(fb.contains("BEGIN:VFREEBUSY"));
        assertTrue(fb.contains("FREEBUSY;FBTYPE=BUSY:20260901T090000Z/20260901T110000Z"), fb);
        assertTrue(fb.contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260901T150000Z/20260901T160000Z"), fb);
        assertFalse(fb.contains("20260901T130000Z"), fb);
        // 1 September 2026 is a Tuesday: the Monday meeting is not busy time
        assertFalse(fb.contains("T070000Z/"), fb);
        assertEquals(400, server.alice("REPORT", cal, "<C:free-busy-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\"/>", "Depth", "1").statusCode());
    }

    @Test
    void expandPropertyGetsAnEmpty207() {
        HttpResponse<String> r = server.alice("REPORT", "/alice/", "<D:expand-property xmlns:D=\"DAV:\"><D:property name=\"principal-URL\"/></D:expand-property>", "Depth", "0");
        assertEquals(207, r.statusCode());
        assertEquals(0, Ms.parse(r.body()).size());
        assertNull(Ms.parse(r.body()).syncToken());
    }
}
