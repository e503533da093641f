package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery as Thunderbird, Apple Calendar, DAVx5 and python-caldav do it. */
class DiscoveryTest {
    static DavTestServer server;

    @BeforeAll
    static void start() throws Exception { server = DavTestServer.standard(); }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    static final String CURRENT_USER_PRINCIPAL = "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:current-user-principal/></D:prop></D:propfind>";

    static final String DAVX5_PRINCIPAL = "<propfind xmlns=\"DAV:\" xmlns:CAL=\"urn:ietf:params:xml:ns:caldav\" "
            + "xmlns:CARD=\"urn:ietf:params:xml:ns:carddav\"><prop><current-user-principal/><CAL:calendar-home-set/>"
            + "<CARD:addressbook-home-set/><displayname/><CAL:calendar-user-address-set/><principal-URL/><resourcetype/></prop></propfind>";

    static final String APPLE_HOME = "<A:propfind xmlns:A=\"DAV:\"><A:prop><B:calendar-color xmlns:B=\"http://apple.com/ns/ical/\"/>"
            + "<B:calendar-order xmlns:B=\"http://apple.com/ns/ical/\"/><C:getctag xmlns:C=\"http://calendarserver.org/ns/\"/>"
            + "<A:resourcetype/><A:displayname/><A:sync-token/><A:supported-report-set/>"
            + "<D:supported-calendar-component-set xmlns:D=\"urn:ietf:params:xml:ns:caldav\"/><A:current-user-privilege-set/>"
            + "<E:pre-publish-url xmlns:E=\"http://calendarserver.org/ns/\"/></A:prop></A:propfind>";

    @Test
    void wellKnownIsAPermanentRedirect() {
        for (String p : new String[] {"/.well-known/caldav", "/.well-known/carddav"}) {
            HttpResponse<String> r = server.send(null, "PROPFIND", p, CURRENT_USER_PRINCIPAL, "Depth", "0");
            assertEquals(301, r.statusCode(), p);
            assertEquals("/", r.headers().firstValue("Location").orElseThrow());
            assertEquals(301, server.send("alice", "GET", p, null).statusCode());
        }
    }

    @Test
    void anonymousGets401WithBasicChallenge() {
        HttpResponse<String> r = server.send(null, "PROPFIND", "/", CURRENT_USER_PRINCIPAL, "Depth", "0");
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
    }

    @Test
    void optionsIsHonest() {
        HttpResponse<String> r = server.alice("OPTIONS", "/alice/calendar/", null);
        assertEquals(200, r.statusCode());
        assertEquals("1, 3, calendar-access, addressbook, extended-mkcol", r.headers().firstValue("DAV").orElseThrow());
        String allow = r.headers().firstValue("Allow").orElseThrow();
        for (String m : new String[] {"PROPFIND", "REPORT", "MKCALENDAR", "PUT", "DELETE"}) assertTrue(allow.contains(m), m);
    }

    @Test
    void rootAnswersCurrentUserPrincipal() {
        HttpResponse<String> r = server.alice("PROPFIND", "/", CURRENT_USER_PRINCIPAL, "Depth", "0");
        assertEquals(207, r.statusCode());
        Ms ms = Ms.parse(r.body());
        assertEquals("/alice/", ms.get("/").text("current-user-principal"));
    }

    @Test
    void principalHasHomesAndAddresses() {
        HttpResponse<String> r = server.alice("PROPFIND", "/alice/", DAVX5_PRINCIPAL, "Depth", "0");
        assertEquals(207, r.statusCode());
        Ms.Resp p = Ms.parse(r.body()).get("/alice/");
        assertEquals("/alice/", p.text("calendar-home-set"));
        assertEquals("/alice/", p.text("addressbook-home-set"));
        assertEquals("/alice/", p.text("principal-URL"));
        assertEquals("Alice Archer", p.text("displayname"));
        assertTrue(p.text("calendar-user-address-set").contains("mailto:alice@example.com"));
        assertNotNull(p.found().get("resourcetype").getElementsByTagNameNS("DAV:", "principal").item(0));
    }

    @Test
    void homeDepthOneListsOwnAndSharedCollections() {
        HttpResponse<String> r = server.alice("PROPFIND", "/alice/", APPLE_HOME, "Depth", "1");
        assertEquals(207, r.statusCode());
        Ms ms = Ms.parse(r.body());
        Ms.Resp cal = ms.get("/alice/calendar/");
        assertNotNull(cal, r.body());
        assertEquals("Alice's calendar", cal.text("displayname"));
        assertTrue(cal.text("getctag").startsWith("urn:switchboard:sync:"));
        assertEquals(cal.text("getctag"), cal.text("sync-token"));
        assertTrue(cal.missing().contains("pre-publish-url"));
        String reports = cal.text("supported-report-set");
        assertNotNull(cal.found().get("supported-report-set").getElementsByTagNameNS("urn:ietf:params:xml:ns:caldav", "calendar-query").item(0));
        assertNotNull(cal.found().get("supported-report-set").getElementsByTagNameNS("DAV:", "sync-collection").item(0));
        assertNotNull(reports);
        assertNotNull(cal.found().get("supported-calendar-component-set"));
        assertNotNull(cal.found().get("current-user-privilege-set").getElementsByTagNameNS("DAV:", "write").item(0));
        Ms.Resp contacts = ms.get("/alice/contacts/");
        assertNotNull(contacts.found().get("resourcetype").getElementsByTagNameNS("urn:ietf:params:xml:ns:carddav", "addressbook").item(0));
        assertTrue(contacts.missing().contains("supported-calendar-component-set"));
        // the read-only computed calendar offers no write privilege
        Ms.Resp pipeline = ms.get("/alice/pipeline/");
        assertNull(pipeline.found().get("current-user-privilege-set").getElementsByTagNameNS("DAV:", "write").item(0));
        // bob's team calendar is shared with alice, his private one is not
        assertNotNull(ms.get("/bob/team/"));
        assertNull(ms.get("/bob/private/"));
    }

    @Test
    void allpropAndPropname() {
        HttpResponse<String> r = server.alice("PROPFIND", "/alice/calendar/",
                "<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\"><allprop/></propfind>", "Depth", "0");
        Ms.Resp c = Ms.parse(r.body()).get("/alice/calendar/");
        assertNotNull(c.text("getctag"));
        assertNotNull(c.text("displayname"));
        assertTrue(c.missing().isEmpty());
        r = server.alice("PROPFIND", "/alice/calendar/", "<propfind xmlns=\"DAV:\"><propname/></propfind>", "Depth", "0");
        c = Ms.parse(r.body()).get("/alice/calendar/");
        assertEquals("", c.text("displayname"));
        assertTrue(c.found().containsKey("supported-calendar-component-set"));
    }

    @Test
    void emptyBodyMeansAllprop() {
        HttpResponse<String> r = server.alice("PROPFIND", "/alice/", null, "Depth", "0");
        assertEquals(207, r.statusCode());
        assertEquals("/alice/", Ms.parse(r.body()).get("/alice/").text("calendar-home-set"));
    }

    @Test
    void otherUsersArePrivate() {
        assertEquals(403, server.alice("PROPFIND", "/bob/", CURRENT_USER_PRINCIPAL, "Depth", "0").statusCode());
        assertEquals(403, server.alice("PROPFIND", "/bob/private/", CURRENT_USER_PRINCIPAL, "Depth", "1").statusCode());
        assertEquals(403, server.alice("GET", "/bob/private/x.ics", null).statusCode());
        assertEquals(207, server.alice("PROPFIND", "/bob/team/", CURRENT_USER_PRINCIPAL, "Depth", "0").statusCode());
        assertEquals(404, server.alice("PROPFIND", "/alice/nothing/", CURRENT_USER_PRINCIPAL, "Depth", "0").statusCode());
        assertFalse(server.send("bob", "PROPFIND", "/bob/private/", CURRENT_USER_PRINCIPAL, "Depth", "0").statusCode() != 207);
    }
}
