package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plain WebDAV collections and files (RFC 4918) next to the calendars: plain MKCOL, nesting, PUT of any
 * content with its Content-Type, GET/HEAD/DELETE, 405/409/415, and files kept out of calendar reports.
 */
class PlainCollectionsTest {
    static DavTestServer server;

    @BeforeAll
    static void start() throws Exception { server = DavTestServer.standard(); }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    @Test
    void plainMkcolMakesACollectionListedInTheHomeAsNothingButACollection() {
        assertEquals(201, server.alice("MKCOL", "/alice/files/", null).statusCode());
        Ms home = Ms.parse(server.alice("PROPFIND", "/alice/", null, "Depth", "1").body());
        Ms.Resp files = home.get("/alice/files/");
        assertNotNull(files, "listed in the home");
        assertEquals(1, files.found().get("resourcetype").getElementsByTagName("*").getLength(), "only DAV:collection");
        assertNotNull(files.found().get("resourcetype").getElementsByTagNameNS("DAV:", "collection").item(0));
        assertNull(files.found().get("getctag"));
        assertNull(files.found().get("supported-calendar-component-set"));
        assertEquals(405, server.alice("MKCOL", "/alice/files/", null).statusCode(), "exists");
        assertEquals(405, server.alice("MKCOL", "/alice/calendar/", null).statusCode(), "a calendar of that name exists");
        assertEquals(403, server.alice("MKCOL", "/bob/mine/", null).statusCode(), "not her home");
        assertEquals(204, server.alice("DELETE", "/alice/files/", null).statusCode());
    }

    @Test
    void filesKeepTheirBytesContentTypeAndStrongEtag() {
        assertEquals(201, server.alice("MKCOL", "/alice/docs/", null).statusCode());
        String text = "not a calendar at all: é €\n";
        HttpResponse<String> put = server.alice("PUT", "/alice/docs/notes.txt", text, "Content-Type", "text/plain; charset=utf-8");
        assertEquals(201, put.statusCode(), put.body());
        String etag = put.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\""), etag);
        HttpResponse<String> get = server.alice("GET", "/alice/docs/notes.txt", null);
        assertEquals(text, get.body());
        // Tomcat writes the header without the space before the parameter; the stored value is what was sent
        assertEquals("text/plain;charset=utf-8", get.headers().firstValue("Content-Type").orElseThrow().replace("; ", ";"));
        assertEquals(etag, get.headers().firstValue("ETag").orElseThrow());
        HttpResponse<String> head = server.alice("HEAD", "/alice/docs/notes.txt", null);
        assertEquals(200, head.statusCode());
        assertEquals(etag, head.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, server.alice("GET", "/alice/docs/notes.txt", null, "If-None-Match", etag).statusCode());
        assertEquals(412, server.alice("PUT", "/alice/docs/notes.txt", "x", "If-Match", "\"other\"").statusCode());
        // no Content-Type: stored as bytes
        assertEquals(201, server.alice("PUT", "/alice/docs/blob", "\u0001\u0002").statusCode());
        assertEquals("application/octet-stream", server.alice("GET", "/alice/docs/blob", null).headers().firstValue("Content-Type").orElseThrow());
        assertEquals(400, server.alice("PUT", "/alice/docs/bad", "x", "Content-Type", "not a type").statusCode());
        assertEquals(413, server.alice("PUT", "/alice/docs/big", "x".repeat(65 * 1024), "Content-Type", "text/plain").statusCode());
        assertEquals(404, server.alice("GET", "/alice/docs/big", null).statusCode(), "nothing stored");

        Ms list = Ms.parse(server.alice("PROPFIND", "/alice/docs/", "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getcontenttype/>"
                + "<D:getetag/><D:resourcetype/></D:prop></D:propfind>", "Depth", "1").body());
        assertEquals("text/plain; charset=utf-8", list.get("/alice/docs/notes.txt").text("getcontenttype"));
        assertEquals(etag, list.get("/alice/docs/notes.txt").text("getetag"));
        assertEquals(204, server.alice("DELETE", "/alice/docs/notes.txt", null).statusCode());
        assertEquals(404, server.alice("DELETE", "/alice/docs/notes.txt", null).statusCode());
        assertEquals(204, server.alice("DELETE", "/alice/docs/", null).statusCode());
    }

    @Test
    void plainCollectionsNestAndGoWithTheirParent() {
        assertEquals(201, server.alice("MKCOL", "/alice/tree/", null).statusCode());
        assertEquals(201, server.alice("MKCOL", "/alice/tree/a/", null).statusCode());
        assertEquals(201, server.alice("MKCOL", "/alice/tree/a/b%20c/", null).statusCode());
        assertEquals(201, server.alice("PUT", "/alice/tree/a/b%20c/deep.txt", "deep", "Content-Type", "text/plain").statusCode());
        assertEquals("deep", server.alice("GET", "/alice/tree/a/b%20c/deep.txt", null).body());
        Ms a = Ms.parse(server.alice("PROPFIND", "/alice/tree/a/", null, "Depth", "1").body());
        assertNotNull(a.get("/alice/tree/a/b%20c/"), a.responses().keySet().toString());
        Ms withProp = Ms.parse(server.alice("PROPFIND", "/alice/tree/", "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/>"
                + "</D:prop></D:propfind>", "Depth", "1").body());
        assertNotNull(withProp.get("/alice/tree/a/"), withProp.responses().keySet().toString());
        assertNull(Ms.parse(server.alice("PROPFIND", "/alice/", null, "Depth", "1").body()).get("/alice/tree/a/"),
                "the home lists only what is directly in it");
        assertEquals(201, server.alice("PUT", "/alice/tree/file", "f").statusCode());
        assertEquals(405, server.alice("MKCOL", "/alice/tree/file/", null).statusCode(), "a file of that name exists");
        assertEquals(405, server.alice("PUT", "/alice/tree/a", "f").statusCode(), "a collection of that name exists");
        assertEquals(409, server.alice("MKCOL", "/alice/tree/missing/x/", null).statusCode());
        assertEquals(409, server.alice("PUT", "/alice/tree/missing/x.txt", "x").statusCode());
        assertEquals(403, server.alice("MKCALENDAR", "/alice/tree/cal/", null).statusCode(), "calendars live in the home");
        assertEquals(403, server.alice("MKCOL", "/alice/calendar/sub/", null).statusCode(), "nothing nests in a calendar");
        assertEquals(204, server.alice("DELETE", "/alice/tree/", null).statusCode());
        assertEquals(404, server.alice("GET", "/alice/tree/a/b%20c/deep.txt", null).statusCode());
        assertEquals(409, server.alice("MKCOL", "/alice/tree/a/", null).statusCode(), "no stale child survives");
    }

    @Test
    void mkcolBodiesOtherThanExtendedMkcolAre415() {
        assertEquals(415, server.alice("MKCOL", "/alice/odd/", "afafafaf", "Content-Type", "xzy-foo/bar-512").statusCode());
        assertEquals(415, server.alice("MKCOL", "/alice/odd/", "<x:y xmlns:x=\"urn:x\"/>", "Content-Type", "application/xml").statusCode());
        assertEquals(404, server.alice("PROPFIND", "/alice/odd/", null, "Depth", "0").statusCode(), "nothing created");
        String plain = "<D:mkcol xmlns:D=\"DAV:\"><D:set><D:prop><D:resourcetype><D:collection/></D:resourcetype>"
                + "<D:displayname>Odd</D:displayname></D:prop></D:set></D:mkcol>";
        assertEquals(201, server.alice("MKCOL", "/alice/odd/", plain, "Content-Type", "application/xml").statusCode());
        assertEquals("Odd", Ms.parse(server.alice("PROPFIND", "/alice/odd/", null, "Depth", "0").body()).get("/alice/odd/").text("displayname"));
        assertEquals(204, server.alice("DELETE", "/alice/odd/", null).statusCode());
    }

    @Test
    void filesStayOutOfCalendarLogic() {
        assertEquals(201, server.alice("MKCOL", "/alice/backup/", null).statusCode());
        String ics = Ics.event("backup@example.com", "20260310T100000Z", "20260310T110000Z", "Backed up");
        assertEquals(201, server.alice("PUT", "/alice/backup/b.ics", ics, "Content-Type", "text/calendar").statusCode());
        String query = "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/></D:prop>"
                + "<C:filter><C:comp-filter name=\"VCALENDAR\"/></C:filter></C:calendar-query>";
        assertEquals(403, server.alice("REPORT", "/alice/backup/", query, "Depth", "1").statusCode());
        String sync = "<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token/><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
        assertEquals(403, server.alice("REPORT", "/alice/backup/", sync).statusCode());
        String multiget = "<C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><C:calendar-data/></D:prop>"
                + "<D:href>/alice/backup/b.ics</D:href></C:calendar-multiget>";
        Ms m = Ms.parse(server.alice("REPORT", "/alice/", multiget).body());
        assertTrue(m.get("/alice/backup/b.ics").status().contains("404"), "a file is no calendar object");
        // a file may be any bytes, even a broken calendar
        assertEquals(204, server.alice("PUT", "/alice/backup/b.ics", "BEGIN:VCALENDAR\r\ngarbage", "Content-Type", "text/calendar").statusCode());
        assertFalse(server.backend.collection("alice", "backup").orElseThrow().isCalendar());
        assertNull(server.backend.get(server.backend.collection("alice", "backup").orElseThrow(), "b.ics").orElseThrow().index());
        assertEquals(204, server.alice("DELETE", "/alice/backup/", null).statusCode());
    }

    @Test
    void filesAndPlainCollectionsKeepDeadPropertiesCalendarsDoNot() {
        assertEquals(201, server.alice("MKCOL", "/alice/props/", null).statusCode());
        assertEquals(201, server.alice("PUT", "/alice/props/f.txt", "x", "Content-Type", "text/plain").statusCode());
        String set = "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"http://example.com/z/\"><D:set><D:prop>"
                + "<Z:author>Jo <Z:b>bold</Z:b></Z:author><D:displayname>File</D:displayname></D:prop></D:set></D:propertyupdate>";
        Ms.Resp r = Ms.parse(server.alice("PROPPATCH", "/alice/props/f.txt", set).body()).get("/alice/props/f.txt");
        assertTrue(r.missing().isEmpty(), r.toString());
        Ms.Resp got = Ms.parse(server.alice("PROPFIND", "/alice/props/f.txt", "<D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"http://example.com/z/\">"
                + "<D:prop><Z:author/><D:displayname/><Z:none/></D:prop></D:propfind>", "Depth", "0").body()).get("/alice/props/f.txt");
        assertEquals("Jo bold", got.text("author"));
        assertEquals("bold", got.found().get("author").getElementsByTagNameNS("http://example.com/z/", "b").item(0).getTextContent());
        assertEquals("File", got.text("displayname"));
        assertEquals(List.of("none"), got.missing());
        // allprop lists them too, and Depth 1 on the collection
        assertNotNull(Ms.parse(server.alice("PROPFIND", "/alice/props/f.txt", null, "Depth", "0").body()).get("/alice/props/f.txt").found().get("author"));
        assertNotNull(Ms.parse(server.alice("PROPFIND", "/alice/props/", "<D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"http://example.com/z/\">"
                + "<D:prop><Z:author/></D:prop></D:propfind>", "Depth", "1").body()).get("/alice/props/f.txt").found().get("author"));
        // live properties are not the client's: all or nothing, 403 and 424
        String protectedOne = "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"http://example.com/z/\"><D:set><D:prop>"
                + "<D:getetag>x</D:getetag><Z:other>y</Z:other></D:prop></D:set></D:propertyupdate>";
        Ms.Resp refused = Ms.parse(server.alice("PROPPATCH", "/alice/props/f.txt", protectedOne).body()).get("/alice/props/f.txt");
        assertTrue(refused.missing().containsAll(List.of("getetag", "other")), refused.toString());
        assertFalse(Ms.parse(server.alice("PROPFIND", "/alice/props/f.txt", null, "Depth", "0").body()).get("/alice/props/f.txt")
                .found().containsKey("other"), "nothing of a refused PROPPATCH is stored");
        // a calendar keeps its own rules: no dead properties
        Ms.Resp cal = Ms.parse(server.alice("PROPPATCH", "/alice/calendar/", set).body()).get("/alice/calendar/");
        assertTrue(cal.missing().contains("author"), cal.toString());
        // a deleted file takes its properties along
        assertEquals(204, server.alice("DELETE", "/alice/props/f.txt", null).statusCode());
        assertEquals(201, server.alice("PUT", "/alice/props/f.txt", "x", "Content-Type", "text/plain").statusCode());
        assertFalse(Ms.parse(server.alice("PROPFIND", "/alice/props/f.txt", null, "Depth", "0").body()).get("/alice/props/f.txt")
                .found().containsKey("author"));
        assertEquals(204, server.alice("DELETE", "/alice/props/", null).statusCode());
    }
}
