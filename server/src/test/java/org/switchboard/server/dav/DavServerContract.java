package org.switchboard.server.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.dav.DavHttp.element;
import static org.switchboard.server.dav.DavHttp.event;
import static org.switchboard.server.dav.DavHttp.syncCollection;
import static org.switchboard.server.dav.DavHttp.text;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.testing.ApiClient;

/**
 * The CalDAV server end to end: the engine mounted under /dav on the database backend, behind the DAV
 * security chain, as clients reach it over HTTP. Runs on H2 and on PostgreSQL (see the subclasses); each
 * test makes its own users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DavServerContract {
    private static int sequence;

    @LocalServerPort
    int port;

    String alice;
    String bob;
    DavHttp asAlice;
    DavHttp asBob;

    @BeforeEach
    void users() {
        String tag = "d" + (++sequence) + System.nanoTime() % 100000;
        alice = DavTestUsers.create(port, "alice" + tag, "Alice " + tag, "#cc0000");
        bob = DavTestUsers.create(port, "bob" + tag, "Bob " + tag, "#00aa00");
        asAlice = DavHttp.basic(port, alice, DavTestUsers.password(alice));
        asBob = DavHttp.basic(port, bob, DavTestUsers.password(bob));
    }

    static final String PROPFIND_CALENDARS = """
            <?xml version="1.0" encoding="utf-8"?>
            <propfind xmlns="DAV:" xmlns:A="http://apple.com/ns/ical/" xmlns:CS="http://calendarserver.org/ns/">
              <prop><resourcetype/><displayname/><A:calendar-color/><CS:getctag/><sync-token/><current-user-principal/></prop>
            </propfind>""";

    @Test
    void withoutCredentialsTheServerChallengesForBasic() {
        HttpResponse<byte[]> r = DavHttp.anonymous(port).xml("PROPFIND", "/dav/" + alice + "/", "0", PROPFIND_CALENDARS);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic").contains("realm=\"Switchboard\"");
        HttpResponse<byte[]> wrong = DavHttp.basic(port, alice, "not-her-password").send("GET", "/dav/" + alice + "/calendar/", null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void wellKnownRedirectsPermanentlyToTheMount() {
        for (String p : new String[] {"/.well-known/caldav", "/.well-known/carddav"}) {
            HttpResponse<byte[]> r = DavHttp.anonymous(port).send("PROPFIND", p, null, "Depth", "0");
            assertThat(r.statusCode()).as(p).isEqualTo(301);
            assertThat(r.headers().firstValue("Location")).as(p).hasValue("/dav/");
        }
    }

    @Test
    void aUserSeesHerPersonalCalendarAndTheCompanyCalendar() {
        HttpResponse<byte[]> r = asAlice.xml("PROPFIND", "/dav/" + alice + "/", "1", PROPFIND_CALENDARS);
        assertThat(r.statusCode()).isEqualTo(207);
        String xml = text(r);
        assertThat(xml).contains("/dav/" + alice + "/calendar/").contains("Alice ")
                .contains("'s calendar").contains("#cc0000").contains("/dav/company/meetings/").contains("Company calendar");
        assertThat(xml).doesNotContain(bob);
        // the principal answers discovery with itself
        String root = text(asAlice.xml("PROPFIND", "/dav/", "0", PROPFIND_CALENDARS));
        assertThat(root).contains("/dav/" + alice + "/");
    }

    @Test
    void anotherUsersCalendarIsForbiddenButTheCompanyCalendarIsShared() {
        assertThat(asBob.xml("PROPFIND", "/dav/" + bob + "/", "1", PROPFIND_CALENDARS).statusCode()).isEqualTo(207);
        assertThat(asAlice.xml("PROPFIND", "/dav/" + bob + "/calendar/", "1", PROPFIND_CALENDARS).statusCode()).isEqualTo(403);
        assertThat(asAlice.put("/dav/" + bob + "/calendar/x.ics", event("x-" + bob, "20261104T140000Z", "Intrusion", null)).statusCode())
                .isEqualTo(403);
        assertThat(asAlice.send("GET", "/dav/" + bob + "/calendar/x.ics", null).statusCode()).isEqualTo(403);
        assertThat(asAlice.send("MKCALENDAR", "/dav/" + bob + "/other/", null).statusCode()).isEqualTo(403);

        String name = "/dav/company/meetings/meeting-" + alice + ".ics";
        String ics = event("meeting-" + alice, "20261105T090000Z", "All hands", null);
        assertThat(asAlice.put(name, ics).statusCode()).isEqualTo(201);
        assertThat(text(asBob.send("GET", name, null))).isEqualTo(ics);
        assertThat(asBob.send("DELETE", name, null).statusCode()).isEqualTo(204);
        // nobody deletes the company calendar itself
        assertThat(asAlice.send("DELETE", "/dav/company/meetings/", null).statusCode()).isEqualTo(403);
    }

    @Test
    void putKeepsTheBytesAsReceivedAndHonoursIfMatch() {
        String path = "/dav/" + alice + "/calendar/round-trip.ics";
        // folded line, non-ASCII text, an X- property and no final CRLF: all must come back untouched
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Odd client//EN\r\nBEGIN:VEVENT\r\nUID:round-trip-" + alice
                + "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;TZID=Europe/Brussels:20261104T140000\r\nDTEND;TZID=Europe/Brussels:20261104T150000\r\n"
                + "SUMMARY:Réunion chez Müller – 会议\r\nDESCRIPTION:a long description that a client folded onto\r\n  a second line\r\n"
                + "X-MS-OLK-FORCEINSPECTOROPEN:TRUE\r\nEND:VEVENT\r\nEND:VCALENDAR";
        HttpResponse<byte[]> created = asAlice.put(path, ics, "If-None-Match", "*");
        assertThat(created.statusCode()).isEqualTo(201);
        String etag = created.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> got = asAlice.send("GET", path, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(ics.getBytes(StandardCharsets.UTF_8));
        assertThat(got.headers().firstValue("ETag")).hasValue(etag);

        assertThat(asAlice.put(path, ics, "If-None-Match", "*").statusCode()).isEqualTo(412);
        assertThat(asAlice.put(path, ics.replace("Réunion", "Meeting"), "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
        assertThat(asAlice.send("DELETE", path, null, "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
        assertThat(text(asAlice.send("GET", path, null))).contains("Réunion");

        HttpResponse<byte[]> updated = asAlice.put(path, ics.replace("Réunion", "Meeting"), "If-Match", etag);
        assertThat(updated.statusCode()).isEqualTo(204);
        assertThat(updated.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(text(asAlice.send("GET", path, null))).contains("Meeting chez Müller");
    }

    @Test
    void syncCollectionReportsChangesAndTombstonesFromTheChangeLog() {
        String cal = "/dav/" + alice + "/calendar/";
        assertThat(asAlice.put(cal + "a.ics", event("a-" + alice, "20261104T140000Z", "A", null)).statusCode()).isEqualTo(201);
        assertThat(asAlice.put(cal + "b.ics", event("b-" + alice, "20261105T140000Z", "B", null)).statusCode()).isEqualTo(201);

        HttpResponse<byte[]> initial = asAlice.xml("REPORT", cal, "1", syncCollection(null));
        assertThat(initial.statusCode()).isEqualTo(207);
        String first = text(initial);
        assertThat(first).contains(cal + "a.ics").contains(cal + "b.ics");
        String token = element(first, "sync-token");
        assertThat(token).startsWith("urn:switchboard:sync:");

        assertThat(asAlice.send("DELETE", cal + "a.ics", null).statusCode()).isEqualTo(204);
        assertThat(asAlice.put(cal + "b.ics", event("b-" + alice, "20261105T150000Z", "B later", null)).statusCode()).isEqualTo(204);
        assertThat(asAlice.put(cal + "c.ics", event("c-" + alice, "20261106T150000Z", "C", null)).statusCode()).isEqualTo(201);

        String delta = text(asAlice.xml("REPORT", cal, "1", syncCollection(token)));
        assertThat(delta).contains(cal + "b.ics").contains(cal + "c.ics").contains(cal + "a.ics");
        // the tombstone: a response for a.ics with a 404 status and no properties (RFC 6578 §3.5.2)
        int a = delta.indexOf(cal + "a.ics");
        String aResponse = delta.substring(a, delta.indexOf("response>", a));
        assertThat(aResponse).contains("404");
        String next = element(delta, "sync-token");
        assertThat(next).isNotEqualTo(token);

        String quiet = text(asAlice.xml("REPORT", cal, "1", syncCollection(next)));
        assertThat(quiet).doesNotContain(".ics");
        assertThat(element(quiet, "sync-token")).isEqualTo(next);

        for (String bogus : new String[] {"urn:switchboard:sync:999999:1", next + "7", "http://example.com/nope"}) {
            HttpResponse<byte[]> bad = asAlice.xml("REPORT", cal, "1", syncCollection(bogus));
            assertThat(bad.statusCode()).as(bogus).isEqualTo(403);
            assertThat(text(bad)).as(bogus).contains("valid-sync-token");
        }
    }

    @Test
    void aWeeklyEventThatStartedBeforeTheRangeIsFound() {
        String cal = "/dav/" + alice + "/calendar/";
        asAlice.put(cal + "weekly.ics", event("weekly-" + alice, "20250106T080000Z", "Weekly", "FREQ=WEEKLY;BYDAY=MO"));
        asAlice.put(cal + "once.ics", event("once-" + alice, "20250107T080000Z", "Once", null));
        String query = """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <prop><getetag/></prop>
                  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                    <C:time-range start="20261102T000000Z" end="20261109T000000Z"/>
                  </C:comp-filter></C:comp-filter></C:filter>
                </C:calendar-query>""";
        String xml = text(asAlice.xml("REPORT", cal, "1", query));
        assertThat(xml).contains(cal + "weekly.ics").doesNotContain("once.ics");
    }

    @Test
    void anApiTokenWorksAsWell() {
        ApiClient api = ApiClient.basic(port, alice, DavTestUsers.password(alice));
        String token = api.ok(201, api.post("/api/v1/users/me/tokens", ApiClient.json(Map.of("name", "dav")))).get("token").asText();
        HttpResponse<byte[]> r = DavHttp.bearer(port, token).xml("PROPFIND", "/dav/" + alice + "/", "1", PROPFIND_CALENDARS);
        assertThat(r.statusCode()).isEqualTo(207);
        assertThat(text(r)).contains("/dav/" + alice + "/calendar/");
    }

    @Test
    void mkcalendarMakesAnotherPersonalCalendar() {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <C:mkcalendar xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
                  <set><prop><displayname>Trips</displayname><A:calendar-color>#123456</A:calendar-color></prop></set>
                </C:mkcalendar>""";
        assertThat(asAlice.xml("MKCALENDAR", "/dav/" + alice + "/trips/", "0", body).statusCode()).isEqualTo(201);
        String xml = text(asAlice.xml("PROPFIND", "/dav/" + alice + "/", "1", PROPFIND_CALENDARS));
        assertThat(xml).contains("/dav/" + alice + "/trips/").contains("Trips").contains("#123456");
        assertThat(asAlice.send("DELETE", "/dav/" + alice + "/trips/", null).statusCode()).isEqualTo(204);
        assertThat(asAlice.xml("PROPFIND", "/dav/" + alice + "/trips/", "0", PROPFIND_CALENDARS).statusCode()).isEqualTo(404);
    }

    @Test
    void concurrentWritersLoseNothingAndOneIfMatchWins() throws Exception {
        String cal = "/dav/" + alice + "/calendar/";
        String token = element(text(asAlice.xml("REPORT", cal, "1", syncCollection(null))), "sync-token");
        String race = cal + "race.ics";
        HttpResponse<byte[]> created = asAlice.put(race, event("race-" + alice, "20261104T140000Z", "Race", null));
        String etag = created.headers().firstValue("ETag").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                writes.add(pool.submit(() -> asAlice.put(cal + "c" + n + ".ics",
                        event("c" + n + "-" + alice, "20261104T140000Z", "Concurrent " + n, null)).statusCode()));
            }
            List<Future<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                racers.add(pool.submit(() -> asAlice.put(race, event("race-" + alice, "20261104T140000Z", "Race won by " + n, null),
                        "If-Match", etag).statusCode()));
            }
            for (Future<Integer> w : writes) {
                assertThat(w.get()).isEqualTo(201);
            }
            List<Integer> outcomes = new ArrayList<>();
            for (Future<Integer> r : racers) {
                outcomes.add(r.get());
            }
            // the condition is checked atomically with the write: exactly one racer saw the old ETag
            assertThat(outcomes).containsOnly(204, 412).filteredOn(c -> c == 204).hasSize(1);
        } finally {
            pool.shutdown();
        }
        String delta = text(asAlice.xml("REPORT", cal, "1", syncCollection(token)));
        for (int i = 0; i < 24; i++) {
            assertThat(delta).contains(cal + "c" + i + ".ics");
        }
        assertThat(delta).contains(race);
        assertThat(text(asAlice.send("GET", race, null))).contains("Race won by");
    }
}
