package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET/HEAD/PUT/DELETE with ETags and conditions, MKCALENDAR, extended MKCOL, PROPPATCH, read-only collections. */
class MethodsTest {
    static DavTestServer server;

    @BeforeAll
    static void start() throws Exception { server = DavTestServer.standard(); }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    @Test
    void putCreatesAndGetReturnsTheSameBytes() {
        // odd but legal formatting must survive: lower-case property, long folded line, X- property
        String ics = Ics.event("m1@example.com", "20260310T100000Z", "20260310T110000Z", "Kick-off",
                "X-MOZ-GENERATION:3", "DESCRIPTION:a long line that goes past seventy-five octets for sure, so the client folde\r\n d it here");
        HttpResponse<String> r = server.put("/alice/calendar/m1.ics", ics);
        assertEquals(201, r.statusCode(), r.body());
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "strong ETag " + etag);
        assertEquals("/alice/calendar/m1.ics", r.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> g = server.alice("GET", "/alice/calendar/m1.ics", null);
        assertEquals(200, g.statusCode());
        assertEquals(ics, g.body());
        assertEquals(etag, g.headers().firstValue("ETag").orElseThrow());
        assertTrue(g.headers().firstValue("Content-Type").orElseThrow().startsWith("text/calendar"));
        HttpResponse<String> h = server.alice("HEAD", "/alice/calendar/m1.ics", null);
        assertEquals(200, h.statusCode());
        assertEquals(etag, h.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, server.alice("GET", "/alice/calendar/m1.ics", null, "If-None-Match", etag).statusCode());
        // the collection's ctag changed and PROPFIND Depth 1 lists the object with its ETag
        HttpResponse<String> pf = server.alice("PROPFIND", "/alice/calendar/",
                "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/><d:getcontenttype/></d:prop></d:propfind>", "Depth", "1");
        Ms.Resp o = Ms.parse(pf.body()).get("/alice/calendar/m1.ics");
        assertEquals(etag, o.text("getetag"));
        assertTrue(o.text("getcontenttype").startsWith("text/calendar"));
    }

    @Test
    void conditionalWrites() {
        String path = "/alice/calendar/m2.ics";
        String v1 = Ics.event("m2@example.com", "20260311T100000Z", "20260311T110000Z", "v1");
        String v2 = Ics.event("m2@example.com", "20260311T100000Z", "20260311T110000Z", "v2");
        // Outlook CalDav Synchronizer creates with If-None-Match: *
        HttpResponse<String> r = server.put(path, v1, "If-None-Match", "*");
        assertEquals(201, r.statusCode());
        String e1 = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(412, server.put(path, v2, "If-None-Match", "*").statusCode());
        assertEquals(412, server.put(path, v2, "If-Match", "\"not-the-etag\"").statusCode());
        HttpResponse<String> u = server.put(path, v2, "If-Match", e1);
        assertEquals(204, u.statusCode());
        String e2 = u.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(e1, e2);
        assertEquals(v2, server.alice("GET", path, null).body());
        // Thunderbird: no If-Match at all, accepted
        HttpResponse<String> t = server.put(path, v1);
        assertEquals(204, t.statusCode());
        assertEquals(e1, t.headers().firstValue("ETag").orElseThrow());
        assertEquals(412, server.alice("DELETE", path, null, "If-Match", e2).statusCode());
        assertEquals(204, server.alice("DELETE", path, null, "If-Match", e1).statusCode());
        assertEquals(404, server.alice("GET", path, null).statusCode());
        assertEquals(404, server.alice("DELETE", path, null).statusCode());
        assertEquals(412, server.put(path, v1, "If-Match", e1).statusCode());
    }

    @Test
    void mkcalendarProppatchAndDelete() {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + "<D:set><D:prop><D:displayname>Projects</D:displayname><C:calendar-description>Deadlines</C:calendar-description>"
                + "<C:supported-calendar-component-set><C:comp name=\"VTODO\"/></C:supported-calendar-component-set>"
                + "</D:prop></D:set></C:mkcalendar>";
        assertEquals(201, server.alice("MKCALENDAR", "/alice/projects/", body).statusCode());
        assertEquals(405, server.alice("MKCALENDAR", "/alice/projects/", body).statusCode());
        assertEquals(403, server.alice("MKCALENDAR", "/bob/projects/", body).statusCode());
        String patch = "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:A=\"http://apple.com/ns/ical/\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + "<D:set><D:prop><D:displayname>Projects 2026</D:displayname><A:calendar-color>#FF8800FF</A:calendar-color>"
                + "<A:calendar-order>3</A:calendar-order><C:calendar-description>All deadlines</C:calendar-description></D:prop></D:set></D:propertyupdate>";
        HttpResponse<String> p = server.alice("PROPPATCH", "/alice/projects/", patch);
        assertEquals(207, p.statusCode());
        assertEquals(4, Ms.parse(p.body()).get("/alice/projects/").found().size());
        HttpResponse<String> f = server.alice("PROPFIND", "/alice/projects/", "<D:propfind xmlns:D=\"DAV:\"><D:allprop/></D:propfind>", "Depth", "0");
        Ms.Resp c = Ms.parse(f.body()).get("/alice/projects/");
        assertEquals("Projects 2026", c.text("displayname"));
        assertEquals("#FF8800FF", c.text("calendar-color"));
        assertEquals("3", c.text("calendar-order"));
        assertEquals("All deadlines", c.text("calendar-description"));
        assertEquals("VTODO", c.found().get("supported-calendar-component-set").getElementsByTagNameNS("urn:ietf:params:xml:ns:caldav", "comp")
                .item(0).getAttributes().getNamedItem("name").getNodeValue());
        // an unknown property fails the whole PROPPATCH: 403 for it, 424 for the rest
        String bad = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><D:displayname>x</D:displayname><D:getetag>y</D:getetag></D:prop></D:set></D:propertyupdate>";
        Ms.Resp b = Ms.parse(server.alice("PROPPATCH", "/alice/projects/", bad).body()).get("/alice/projects/");
        assertTrue(b.missing().contains("displayname") && b.missing().contains("getetag"));
        assertEquals(204, server.alice("DELETE", "/alice/projects/", null).statusCode());
        assertEquals(404, server.alice("PROPFIND", "/alice/projects/", null, "Depth", "0").statusCode());
    }

    @Test
    void extendedMkcolMakesAnAddressBook() {
        String body = "<D:mkcol xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"><D:set><D:prop>"
                + "<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype><D:displayname>Customers</D:displayname>"
                + "</D:prop></D:set></D:mkcol>";
        assertEquals(201, server.alice("MKCOL", "/alice/customers/", body, "Content-Type", "application/xml").statusCode());
        Ms.Resp c = Ms.parse(server.alice("PROPFIND", "/alice/customers/", null, "Depth", "0").body()).get("/alice/customers/");
        assertEquals("Customers", c.text("displayname"));
        assertNotNull(c.found().get("resourcetype").getElementsByTagNameNS("urn:ietf:params:xml:ns:carddav", "addressbook").item(0));
    }

    @Test
    void readOnlyCollectionRefusesWritesWithNeedPrivileges() {
        HttpResponse<String> r = server.put("/alice/pipeline/x.ics", Ics.event("x@example.com", "20260101T100000Z", "20260101T110000Z", "x"));
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("need-privileges"), r.body());
        String patch = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><D:displayname>x</D:displayname></D:prop></D:set></D:propertyupdate>";
        assertEquals(403, server.alice("PROPPATCH", "/alice/pipeline/", patch).statusCode());
        assertEquals(403, server.alice("DELETE", "/alice/pipeline/", null).statusCode());
        assertEquals(403, server.alice("DELETE", "/alice/pipeline/x.ics", null).statusCode());
    }

    @Test
    void sharedCollectionIsWritableForTheGrantee() {
        HttpResponse<String> r = server.put("/bob/team/t1.ics", Ics.event("t1@example.com", "20260101T100000Z", "20260101T110000Z", "Team"));
        assertEquals(201, r.statusCode());
        assertEquals(200, server.send("bob", "GET", "/bob/team/t1.ics", null).statusCode());
        // but alice cannot delete bob's collection itself
        assertEquals(403, server.alice("DELETE", "/bob/team/", null).statusCode());
    }

    @Test
    void putIntoMissingCollectionIs409() {
        assertEquals(409, server.put("/alice/nowhere/x.ics", Ics.event("n@example.com", "20260101T100000Z", "20260101T110000Z", "x")).statusCode());
    }

    @Test
    void unknownMethodIs405() {
        assertEquals(405, server.alice("LOCK", "/alice/calendar/", null).statusCode());
    }
}
