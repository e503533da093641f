package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets its status and precondition, and nothing is half-stored. */
class BadInputTest {
    static DavTestServer server;

    @BeforeAll
    static void start() throws Exception { server = DavTestServer.standard(); }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    private static void assertRefused(HttpResponse<String> r, int status, String precondition, String path) {
        assertEquals(status, r.statusCode(), r.body());
        if (precondition != null) assertTrue(r.body().contains(precondition), r.body());
        if (path != null) assertEquals(404, server.alice("GET", path, null).statusCode(), "nothing stored at " + path);
    }

    @Test
    void eventWithoutUid() {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART:20260101T100000Z\r\nSUMMARY:no uid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assertRefused(server.put("/alice/calendar/nouid.ics", ics), 403, "valid-calendar-data", "/alice/calendar/nouid.ics");
    }

    @Test
    void twoUidsInOneResource() {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART:20260101T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART:20260102T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assertRefused(server.put("/alice/calendar/two.ics", ics), 403, "valid-calendar-object-resource", "/alice/calendar/two.ics");
    }

    @Test
    void unparseableCalendar() {
        assertRefused(server.put("/alice/calendar/junk.ics", "this is not iCalendar"), 403, "valid-calendar-data", "/alice/calendar/junk.ics");
        String badDate = Ics.event("bd@example.com", "2026-01-01", "20260101T110000Z", "bad date");
        assertRefused(server.put("/alice/calendar/bd.ics", badDate), 403, "valid-calendar-data", "/alice/calendar/bd.ics");
    }

    @Test
    void unsupportedComponent() {
        String todo = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nUID:t@x\r\nDTSTAMP:20260101T000000Z\r\n"
                + "SUMMARY:todo\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
        String mk = "<C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:set><D:prop>"
                + "<C:supported-calendar-component-set><C:comp name=\"VEVENT\"/></C:supported-calendar-component-set>"
                + "</D:prop></D:set></C:mkcalendar>";
        assertEquals(201, server.alice("MKCALENDAR", "/alice/events-only/", mk).statusCode());
        assertRefused(server.put("/alice/events-only/t.ics", todo), 403, "supported-calendar-component", "/alice/events-only/t.ics");
    }

    @Test
    void tooLarge() {
        String big = Ics.event("big@example.com", "20260101T100000Z", "20260101T110000Z", "big", "DESCRIPTION:" + "x".repeat(70_000));
        assertRefused(server.put("/alice/calendar/big.ics", big), 413, "max-resource-size", "/alice/calendar/big.ics");
        String hugeXml = "<D:propfind xmlns:D=\"DAV:\"><D:prop>" + "<D:displayname/>".repeat(100_000) + "</D:prop></D:propfind>";
        assertEquals(413, server.alice("PROPFIND", "/alice/", hugeXml, "Depth", "0").statusCode());
    }

    @Test
    void wrongContentType() {
        HttpResponse<String> r = server.alice("PUT", "/alice/calendar/j.ics", "{\"json\":true}", "Content-Type", "application/json");
        assertRefused(r, 415, null, "/alice/calendar/j.ics");
        HttpResponse<String> v = server.alice("PUT", "/alice/contacts/c.vcf", Ics.event("c@x", "20260101T100000Z", "20260101T110000Z", "x"),
                "Content-Type", "text/calendar");
        assertRefused(v, 415, null, "/alice/contacts/c.vcf");
    }

    @Test
    void uidConflict() {
        assertEquals(201, server.put("/alice/calendar/u1.ics", Ics.event("same@example.com", "20260101T100000Z", "20260101T110000Z", "one")).statusCode());
        HttpResponse<String> r = server.put("/alice/calendar/u2.ics", Ics.event("same@example.com", "20260102T100000Z", "20260102T110000Z", "two"));
        assertRefused(r, 403, "no-uid-conflict", "/alice/calendar/u2.ics");
        assertTrue(r.body().contains("/alice/calendar/u1.ics"));
    }

    @Test
    void billionLaughsAndXxeAreRejected() {
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname>&lol3;</D:displayname></D:prop></D:propfind>";
        assertEquals(400, server.alice("PROPFIND", "/alice/", lol, "Depth", "0").statusCode());
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/></D:prop>"
                + "<C:filter><C:comp-filter name=\"VCALENDAR\"><C:prop-filter name=\"SUMMARY\"><C:text-match>&xxe;</C:text-match>"
                + "</C:prop-filter></C:comp-filter></C:filter></C:calendar-query>";
        HttpResponse<String> r = server.alice("REPORT", "/alice/calendar/", xxe, "Depth", "1");
        assertEquals(400, r.statusCode());
        assertTrue(!r.body().contains("root:"));
        assertEquals(400, server.alice("PROPFIND", "/alice/", "<D:propfind xmlns:D=\"DAV:\"><D:prop>", "Depth", "0").statusCode());
        // and the server keeps serving
        assertEquals(207, server.alice("PROPFIND", "/alice/", null, "Depth", "0").statusCode());
    }

    @Test
    void unknownReport() {
        HttpResponse<String> r = server.alice("REPORT", "/alice/calendar/", "<D:acl-principal-prop-set xmlns:D=\"DAV:\"/>", "Depth", "0");
        assertRefused(r, 403, "supported-report", null);
        // a CardDAV report on a calendar is not supported either
        r = server.alice("REPORT", "/alice/calendar/", "<C:addressbook-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><D:prop><D:getetag/></D:prop></C:addressbook-query>", "Depth", "1");
        assertRefused(r, 403, "supported-report", null);
    }

    @Test
    void runawayRuleIsRefusedCleanly() {
        String ics = Ics.event("run@example.com", "20260101T100000Z", "20260101T100001Z", "every second", "RRULE:FREQ=SECONDLY");
        long t0 = System.nanoTime();
        HttpResponse<String> r = server.put("/alice/calendar/run.ics", ics);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered quickly");
        assertRefused(r, 403, "max-instances", "/alice/calendar/run.ics");
        String count = Ics.event("count@example.com", "20260101T100000Z", "20260101T100001Z", "a million", "RRULE:FREQ=MINUTELY;COUNT=1000000");
        assertRefused(server.put("/alice/calendar/count.ics", count), 403, "max-instances", "/alice/calendar/count.ics");
    }

    @Test
    void brokenEncodingIsRefused() {
        byte[] latin1 = Ics.vcard3("latin", "Jos\u00e9 M\u00fcller", "jose@example.com").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        HttpResponse<String> r;
        // the test helper sends Strings as UTF-8: send the raw Latin-1 bytes directly
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/alice/contacts/latin.vcf")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes()))
                .header("Content-Type", "text/vcard").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)).build();
        try {
            r = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertRefused(r, 403, "valid-address-data", "/alice/contacts/latin.vcf");
    }

    @Test
    void controlCharactersDoNotBreakTheXml() {
        String ics = Ics.event("ctl@example.com", "20260801T100000Z", "20260801T110000Z", "bell\u0007 and nul\u0000 inside");
        assertEquals(201, server.put("/alice/calendar/ctl.ics", ics).statusCode());
        String q = "<C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><C:calendar-data/></D:prop>"
                + "<D:href>/alice/calendar/ctl.ics</D:href></C:calendar-multiget>";
        HttpResponse<String> r = server.alice("REPORT", "/alice/calendar/", q, "Depth", "1");
        assertEquals(207, r.statusCode());
        assertTrue(Ms.parse(r.body()).get("/alice/calendar/ctl.ics").text("calendar-data").contains("bell\uFFFD"));
        assertEquals(ics, server.alice("GET", "/alice/calendar/ctl.ics", null).body(), "GET still returns the bytes as stored");
    }

    @Test
    void vcardWithoutFn() {
        String v = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:nofn\r\nEMAIL:x@example.com\r\nEND:VCARD\r\n";
        assertRefused(server.put("/alice/contacts/nofn.vcf", v), 403, "valid-address-data", "/alice/contacts/nofn.vcf");
        assertRefused(server.put("/alice/contacts/junk.vcf", "garbage"), 403, "valid-address-data", "/alice/contacts/junk.vcf");
    }
}
