package org.switchboard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.dav.DavHttp.element;
import static org.switchboard.server.dav.DavHttp.syncCollection;
import static org.switchboard.server.dav.DavHttp.text;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.dav.DavHttp;
import org.switchboard.server.dav.RealClients;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The consolidated read-only calendars over real DAV requests: listed in the home, read-only with the
 * right privileges and errors, queried by time range, and synced with tokens that follow the cases and
 * calls behind them. Runs on H2 and on PostgreSQL (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsolidatedCalendarContract {
    @LocalServerPort
    int port;

    CalendarOrganisation org;
    DavHttp alice;
    String home;
    long offerCase;

    @BeforeEach
    void organisation() {
        org = new CalendarOrganisation(port);
        alice = org.dav("alice");
        home = "/dav/" + org.username("alice") + "/";
        offerCase = org.opportunity("Offer", Map.of("nextAction", "Send offer", "nextActionDate", "2026-12-10",
                "expectedClosing", "2026-12-20")).get("id").asLong();
        org.opportunity("Quiet", Map.of());
        org.opportunity("Bob's", Map.of("responsibleId", org.bobId, "nextAction", "Not hers", "nextActionDate", "2026-12-10"));
    }

    static final String PROPS = """
            <?xml version="1.0" encoding="utf-8"?>
            <propfind xmlns="DAV:" xmlns:A="http://apple.com/ns/ical/" xmlns:CS="http://calendarserver.org/ns/">
              <prop><resourcetype/><displayname/><A:calendar-color/><CS:getctag/><sync-token/><current-user-privilege-set/><getetag/></prop>
            </propfind>""";

    static String timeRange(String start, String end) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:prop><D:getetag/><C:calendar-data/></D:prop>
                  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                    <C:time-range start="%s" end="%s"/>
                  </C:comp-filter></C:comp-filter></C:filter>
                </C:calendar-query>""".formatted(start, end);
    }

    @Test
    void herHomeListsTheThreeConsolidatedCalendarsReadOnly() {
        String xml = text(alice.xml("PROPFIND", home, "1", PROPS));
        assertThat(xml).contains(home + "crm-next-actions/", home + "crm-closing/", home + "crm-calls/")
                .contains("Next actions", "Expected closings", "Calls to make");
        String collection = text(alice.xml("PROPFIND", home + "crm-next-actions/", "0", PROPS));
        assertThat(collection).contains("<d:read/>").doesNotContain("<d:write").doesNotContain("write-content");
        // another user neither sees nor opens them
        DavHttp bob = org.dav("bob");
        assertThat(bob.xml("PROPFIND", home + "crm-next-actions/", "1", PROPS).statusCode()).isEqualTo(403);
        assertThat(text(bob.xml("PROPFIND", "/dav/" + org.username("bob") + "/", "1", PROPS))).doesNotContain(org.username("alice"));
    }

    @Test
    void entriesComeFromHerCasesAndCallsAndAreFoundByTimeRange() throws Exception {
        long call = org.manager.ok(201, org.manager.post("/api/v1/calls", ApiClient.json(Map.of("summary", "Follow up the offer",
                "contactId", org.contact, "responsibleId", org.aliceId, "dueAt", "2026-12-11T10:00:00Z")))).get("id").asLong();

        String listing = text(alice.xml("PROPFIND", home + "crm-next-actions/", "1", PROPS));
        assertThat(listing).contains("case-" + offerCase + ".ics").contains("&quot;crm-next-actions-" + offerCase + "-");
        assertThat(listing).doesNotContain("Not hers");

        HttpResponse<byte[]> get = alice.send("GET", home + "crm-next-actions/case-" + offerCase + ".ics", null);
        assertThat(get.statusCode()).isEqualTo(200);
        Calendar parsed = new CalendarBuilder().build(new StringReader(text(get)));
        VEvent e = (VEvent) parsed.getComponents("VEVENT").get(0);
        assertThat(e.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo("Send offer: Offer " + org.tag);
        assertThat(e.getProperty("DTSTART").orElseThrow().getValue()).isEqualTo("20261210");
        assertThat(e.getProperty("URL").orElseThrow().getValue()).endsWith("/opportunities/" + offerCase);
        assertThat(get.headers().firstValue("ETag").orElseThrow()).startsWith("\"crm-next-actions-" + offerCase + "-");

        String week = text(alice.xml("REPORT", home + "crm-next-actions/", "1", timeRange("20261207T000000Z", "20261214T000000Z")));
        assertThat(week).contains("case-" + offerCase + ".ics").contains("SUMMARY:Send offer");
        assertThat(text(alice.xml("REPORT", home + "crm-next-actions/", "1", timeRange("20261211T000000Z", "20261214T000000Z"))))
                .doesNotContain("case-" + offerCase);
        assertThat(text(alice.xml("REPORT", home + "crm-closing/", "1", timeRange("20261220T000000Z", "20261221T000000Z"))))
                .contains("SUMMARY:Expected closing: Offer " + org.tag);
        String calls = text(alice.xml("REPORT", home + "crm-calls/", "1", timeRange("20261211T100500Z", "20261211T101000Z")));
        assertThat(calls).contains("call-" + call + ".ics").contains("Follow up the offer").contains("DTSTART:20261211T100000Z");
    }

    @Test
    void writesAreRefusedWithNeedPrivileges() {
        String path = home + "crm-next-actions/case-" + offerCase + ".ics";
        HttpResponse<byte[]> put = alice.put(path, DavHttp.event("x-" + org.tag, "20261210T090000Z", "Mine now", null));
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(text(put)).contains("need-privileges");
        HttpResponse<byte[]> delete = alice.send("DELETE", path, null);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(text(delete)).contains("need-privileges");
        assertThat(alice.send("DELETE", home + "crm-calls/", null).statusCode()).isEqualTo(403);
        assertThat(alice.send("MKCALENDAR", home + "crm-mine/", null).statusCode()).isNotEqualTo(201);
        assertThat(alice.send("GET", path, null).statusCode()).isEqualTo(200);
    }

    @Test
    void syncReportsWhatChangedAndWhatLeftAsTheCasesChange() {
        String collection = home + "crm-next-actions/";
        String first = text(alice.xml("REPORT", collection, "1", syncCollection(null)));
        String t1 = element(first, "sync-token");
        assertThat(first).contains("case-" + offerCase + ".ics");
        assertThat(text(alice.xml("REPORT", collection, "1", syncCollection(t1)))).as("nothing changed").doesNotContain(".ics");

        // Alice edits the next action: the entry changes, so does the token and the ctag
        JsonNode c = org.alice.ok(200, org.alice.get("/api/v1/opportunities/" + offerCase));
        org.alice.ok(200, org.alice.patch("/api/v1/opportunities/" + offerCase, "{\"nextAction\": \"Call back\"}",
                "\"" + c.get("version").asInt() + "\""));
        String second = text(alice.xml("REPORT", collection, "1", syncCollection(t1)));
        String t2 = element(second, "sync-token");
        assertThat(t2).isNotEqualTo(t1);
        assertThat(second).contains("case-" + offerCase + ".ics").doesNotContain("404");
        assertThat(text(alice.send("GET", collection + "case-" + offerCase + ".ics", null))).contains("SUMMARY:Call back: Offer");
        assertThat(element(text(alice.xml("PROPFIND", collection, "0", PROPS)), "getctag")).isEqualTo(t2);

        // the manager gives the case to Bob: it leaves Alice's calendar (a tombstone) and enters Bob's
        c = org.manager.ok(200, org.manager.get("/api/v1/opportunities/" + offerCase));
        org.manager.ok(200, org.manager.patch("/api/v1/opportunities/" + offerCase, "{\"responsibleId\": " + org.bobId + "}",
                "\"" + c.get("version").asInt() + "\""));
        String third = text(alice.xml("REPORT", collection, "1", syncCollection(t2)));
        assertThat(third).contains("case-" + offerCase + ".ics").contains("404");
        assertThat(alice.send("GET", collection + "case-" + offerCase + ".ics", null).statusCode()).isEqualTo(404);
        String bobs = "/dav/" + org.username("bob") + "/crm-next-actions/";
        assertThat(text(org.dav("bob").xml("REPORT", bobs, "1", syncCollection(null)))).contains("case-" + offerCase + ".ics");

        // an old token still works (its state was kept); a made-up one does not
        assertThat(text(alice.xml("REPORT", collection, "1", syncCollection(t1)))).contains("404");
        HttpResponse<byte[]> bogus = alice.xml("REPORT", collection, "1", syncCollection("urn:switchboard:derived:crm-next-actions:0123456789abcdef"));
        assertThat(bogus.statusCode()).isEqualTo(403);
        assertThat(text(bogus)).contains("valid-sync-token");
    }

    @Test
    void aCallLeavesTheCallsCalendarOnceMade() {
        long call = org.manager.ok(201, org.manager.post("/api/v1/calls", ApiClient.json(Map.of("summary", "Remind about the invoice",
                "partnerId", org.company, "responsibleId", org.aliceId, "dueAt", "2026-12-14T09:00:00Z")))).get("id").asLong();
        String collection = home + "crm-calls/";
        String first = text(alice.xml("REPORT", collection, "1", syncCollection(null)));
        assertThat(first).contains("call-" + call + ".ics");
        org.alice.ok(200, org.alice.post("/api/v1/calls/" + call + "/outcome", ApiClient.json(Map.of("outcome", "HELD"))));
        String after = text(alice.xml("REPORT", collection, "1", syncCollection(element(first, "sync-token"))));
        assertThat(after).contains("call-" + call + ".ics").contains("404");
    }

    @Test
    void pythonCaldavFindsAndSyncsTheNextActionsAndCannotWrite() throws Exception {
        RealClients.require(RealClients.pythonCaldav(), "python3-caldav");
        Path dir = Files.createTempDirectory("python-caldav-consolidated");
        Path script = dir.resolve("client.py");
        Files.writeString(script, ConsolidatedCaldavScript.TEXT);
        String out = RealClients.run(dir, List.of(RealClients.PYTHON, script.toString(), "http://localhost:" + port,
                org.username("alice"), "pw-alice" + org.tag + "-secret", "Send offer: Offer " + org.tag));
        assertThat(out).contains("OK");
    }
}
