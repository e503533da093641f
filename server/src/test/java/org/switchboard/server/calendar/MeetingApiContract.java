package org.switchboard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.dav.DavHttp.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.dav.DavHttp;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * CRM meetings end to end: the API and CalDAV clients both write the company calendar, and each sees what
 * the other wrote; linked meetings land in the case's history and the partner's events. Runs on H2 and on
 * PostgreSQL (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MeetingApiContract {
    static final String COMPANY = "/dav/company/meetings/";

    @LocalServerPort
    int port;

    CalendarOrganisation org;

    @BeforeEach
    void organisation() {
        org = new CalendarOrganisation(port);
    }

    private Map<String, Object> meeting(String title, String start, String end) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("start", start);
        if (end != null) {
            m.put("end", end);
        }
        return m;
    }

    private List<String> summaries(JsonNode history) {
        List<String> out = new ArrayList<>();
        history.get("items").forEach(e -> out.add(e.get("summary").asString()));
        return out;
    }

    @Test
    void aMeetingPlannedInTheApiIsAnEventOfTheCompanyCalendarAndInTheHistory() {
        long caseId = org.opportunity("Demo", Map.of()).get("id").asLong();
        Map<String, Object> body = meeting("Demo at Globex " + org.tag, "2026-12-01T09:30:00Z", "2026-12-01T11:00:00Z");
        body.put("location", "Globex HQ, Springfield");
        body.put("caseId", caseId);
        body.put("categories", List.of("Demo"));
        body.put("attendees", List.of(Map.of("userId", org.bobId), Map.of("partnerId", org.contact)));
        Response created = org.alice.post("/api/v1/meetings", ApiClient.json(body));
        JsonNode m = org.alice.ok(201, created);
        assertThat(created.header("Location")).isEqualTo("/api/v1/meetings/" + m.get("id").asLong());
        assertThat(created.header("ETag")).isEqualTo("\"" + m.get("version").asInt() + "\"");
        assertThat(m.get("organizerId").asLong()).isEqualTo(org.aliceId);
        assertThat(m.get("partnerId").asLong()).as("the case's partner").isEqualTo(org.company);
        assertThat(m.get("contactId").asLong()).isEqualTo(org.contact);
        assertThat(m.get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(m.get("attendees")).hasSize(2);
        assertThat(m.get("attendees").get(0).get("userId").asLong()).isEqualTo(org.bobId);
        assertThat(m.get("attendees").get(1).get("partnerId").asLong()).isEqualTo(org.contact);

        // Bob's CalDAV client finds it in the company calendar listed in his home
        String href = m.get("davHref").asString();
        assertThat(href).startsWith(COMPANY);
        String ics = text(org.dav("bob").send("GET", href, null));
        assertThat(ics).contains("SUMMARY:Demo at Globex " + org.tag).contains("DTSTART:20261201T093000Z")
                .contains("LOCATION:Globex HQ\\, Springfield").contains("X-SWITCHBOARD-CASE:" + caseId)
                .contains("mailto:" + org.contactEmail).contains("mailto:" + org.email("bob"));

        assertThat(summaries(org.alice.ok(200, org.alice.get("/api/v1/opportunities/" + caseId + "/history"))))
                .anyMatch(s -> s.startsWith("Meeting planned: Demo at Globex") && s.contains("2026-12-01 09:30 UTC"));
        assertThat(summaries(org.manager.ok(200, org.manager.get("/api/v1/partners/" + org.company + "/events"))))
                .anyMatch(s -> s.startsWith("Meeting planned: Demo at Globex"));

        // listed for Bob (attendee) and for Alice (organizer), not for Carl; by team too
        String range = "/api/v1/meetings?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";
        assertThat(org.bob.ok(200, org.bob.get(range + "&userId=me")).get("items")).hasSize(1);
        assertThat(org.carl.ok(200, org.carl.get(range + "&userId=" + org.aliceId)).get("items")).hasSize(1);
        assertThat(org.carl.ok(200, org.carl.get(range + "&userId=me")).get("items")).isEmpty();
        assertThat(org.carl.ok(200, org.carl.get(range + "&teamId=" + org.teamId)).get("items")).hasSize(1);
        assertThat(org.bob.ok(200, org.bob.get("/api/v1/meetings?from=2026-12-02T00:00:00Z&to=2026-12-03T00:00:00Z&userId=me"))
                .get("items")).isEmpty();
    }

    @Test
    void anEventWrittenByAClientInTheCompanyCalendarBecomesAMeetingLinkedByItsAttendees() {
        DavHttp bob = org.dav("bob");
        String uid = "client-" + org.tag;
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Some client//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Brussels:20261203T140000\r\nDTEND;TZID=Europe/Brussels:20261203T150000\r\n"
                + "SUMMARY:Lunch with Hank – Müller\r\nORGANIZER;CN=Bob:mailto:" + org.email("bob").toUpperCase() + "\r\n"
                + "ATTENDEE;CN=Hank;PARTSTAT=ACCEPTED:mailto:" + org.contactEmail + "\r\nATTENDEE:mailto:stranger@nowhere.example\r\n"
                + "X-MOZ-GENERATION:1\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:soon\r\nEND:VALARM\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        assertThat(bob.put(COMPANY + uid + ".ics", ics).statusCode()).isEqualTo(201);
        assertThat(text(bob.send("GET", COMPANY + uid + ".ics", null))).as("stored byte for byte").isEqualTo(ics);

        JsonNode items = org.bob.ok(200, org.bob.get("/api/v1/meetings?from=2026-12-03T00:00:00Z&to=2026-12-04T00:00:00Z&userId=me"))
                .get("items");
        assertThat(items).hasSize(1);
        JsonNode m = items.get(0);
        assertThat(m.get("title").asString()).isEqualTo("Lunch with Hank – Müller");
        assertThat(m.get("start").asString()).isEqualTo("2026-12-03T13:00:00Z");
        assertThat(m.get("end").asString()).isEqualTo("2026-12-03T14:00:00Z");
        assertThat(m.get("organizerId").asLong()).isEqualTo(org.bobId);
        assertThat(m.get("partnerId").asLong()).as("Hank's company").isEqualTo(org.company);
        assertThat(m.get("contactId").asLong()).isEqualTo(org.contact);
        assertThat(m.get("attendees").get(1).get("email").asString()).isEqualTo("stranger@nowhere.example");
        assertThat(summaries(org.manager.ok(200, org.manager.get("/api/v1/partners/" + org.company + "/events"))))
                .anyMatch(s -> s.startsWith("Meeting planned: Lunch with Hank"));

        // the client moves it by an hour and later deletes it: the partner's events follow
        String moved = ics.replace("T140000", "T150000").replace("T150000\r\nSUMMARY", "T160000\r\nSUMMARY").replace("GENERATION:1", "GENERATION:2");
        assertThat(bob.put(COMPANY + uid + ".ics", moved).statusCode()).isEqualTo(204);
        assertThat(org.bob.ok(200, org.bob.get("/api/v1/meetings/" + m.get("id").asLong())).get("start").asString())
                .isEqualTo("2026-12-03T14:00:00Z");
        // a change no one follows (the client's own bookkeeping) writes no history
        assertThat(bob.put(COMPANY + uid + ".ics", moved.replace("GENERATION:2", "GENERATION:3")).statusCode()).isEqualTo(204);
        assertThat(bob.send("DELETE", COMPANY + uid + ".ics", null).statusCode()).isEqualTo(204);
        assertThat(org.bob.get("/api/v1/meetings/" + m.get("id").asLong()).status()).isEqualTo(404);
        List<String> events = summaries(org.manager.ok(200, org.manager.get("/api/v1/partners/" + org.company + "/events")));
        assertThat(events.stream().filter(s -> s.startsWith("Meeting changed: Lunch with Hank"))).hasSize(1);
        assertThat(events).anyMatch(s -> s.startsWith("Meeting deleted: Lunch with Hank"));
    }

    @Test
    void anApiChangeKeepsWhatTheClientPutThereAndStaleChangesAreRefused() {
        DavHttp alice = org.dav("alice");
        String uid = "keep-" + org.tag;
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Some client//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261207T090000Z\r\nDURATION:PT30M\r\nSUMMARY:Pipeline review\r\n"
                + "X-CLIENT-THING:keep me\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nDESCRIPTION:x\r\nEND:VALARM\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        assertThat(alice.put(COMPANY + uid + ".ics", ics).statusCode()).isEqualTo(201);
        JsonNode m = org.alice.ok(200, org.alice.get("/api/v1/meetings?from=2026-12-07T00:00:00Z&to=2026-12-08T00:00:00Z&userId=me"))
                .get("items").get(0);
        long id = m.get("id").asLong();
        assertThat(m.get("organizerId").asLong()).as("the writer, the event naming no organizer").isEqualTo(org.aliceId);
        String etag = "\"" + m.get("version").asInt() + "\"";

        assertThat(org.alice.patch("/api/v1/meetings/" + id, "{\"title\": \"x\"}", null).status()).isEqualTo(428);
        Response moved = org.alice.patch("/api/v1/meetings/" + id, "{\"start\": \"2026-12-07T10:00:00Z\", \"caseId\": "
                + org.opportunity("Review", Map.of()).get("id").asLong() + "}", etag);
        JsonNode after = org.alice.ok(200, moved);
        assertThat(after.get("end").asString()).as("moving the start keeps the length").isEqualTo("2026-12-07T10:30:00Z");
        assertThat(after.get("partnerId").asLong()).isEqualTo(org.company);
        String stored = text(alice.send("GET", COMPANY + uid + ".ics", null));
        assertThat(stored).contains("X-CLIENT-THING:keep me").contains("BEGIN:VALARM").contains("DTSTART:20261207T100000Z")
                .contains("SEQUENCE:1").doesNotContain("DURATION:PT30M");

        // the If-Match of the first read is stale now: 412; a stale body version: 409
        assertThat(org.alice.patch("/api/v1/meetings/" + id, "{\"title\": \"x\"}", etag).status()).isEqualTo(412);
        assertThat(org.alice.patch("/api/v1/meetings/" + id, "{\"title\": \"x\", \"version\": " + m.get("version").asInt() + "}", null)
                .status()).isEqualTo(409);
        // a client's edit meanwhile makes the API's read stale too
        String current = "\"" + after.get("version").asInt() + "\"";
        assertThat(alice.put(COMPANY + uid + ".ics", stored.replace("Pipeline review", "Pipeline review (moved)")).statusCode())
                .isEqualTo(204);
        assertThat(org.alice.patch("/api/v1/meetings/" + id, "{\"title\": \"x\"}", current).status()).isEqualTo(412);

        JsonNode fresh = org.alice.ok(200, org.alice.get("/api/v1/meetings/" + id));
        JsonNode cancelled = org.alice.ok(200, org.alice.patch("/api/v1/meetings/" + id, "{\"state\": \"CANCELLED\"}",
                "\"" + fresh.get("version").asInt() + "\""));
        assertThat(cancelled.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(text(alice.send("GET", COMPANY + uid + ".ics", null))).contains("STATUS:CANCELLED").contains("Pipeline review (moved)");
        assertThat(summaries(org.manager.ok(200, org.manager.get("/api/v1/partners/" + org.company + "/events"))))
                .anyMatch(s -> s.startsWith("Meeting cancelled: Pipeline review (moved)"));

        assertThat(org.alice.delete("/api/v1/meetings/" + id).status()).isEqualTo(204);
        assertThat(alice.send("GET", COMPANY + uid + ".ics", null).statusCode()).isEqualTo(404);
    }

    @Test
    void allDayAndRecurringMeetingsAreListedWhereTheyOccur() {
        Map<String, Object> weekly = meeting("Weekly sync " + org.tag, "2026-01-05T08:00:00Z", null);
        weekly.put("recurrence", "FREQ=WEEKLY;BYDAY=MO");
        JsonNode w = org.alice.ok(201, org.alice.post("/api/v1/meetings", ApiClient.json(weekly)));
        assertThat(w.get("end").asString()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(w.get("recurrence").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
        Map<String, Object> fair = meeting("Trade fair " + org.tag, "2026-12-09", "2026-12-11");
        fair.put("allDay", true);
        JsonNode f = org.alice.ok(201, org.alice.post("/api/v1/meetings", ApiClient.json(fair)));
        assertThat(f.get("allDay").asBoolean()).isTrue();
        assertThat(text(org.dav("alice").send("GET", f.get("davHref").asString(), null)))
                .contains("DTSTART;VALUE=DATE:20261209").contains("DTEND;VALUE=DATE:20261211");

        JsonNode december = org.alice.ok(200, org.alice.get("/api/v1/meetings?from=2026-12-10T00:00:00Z&to=2026-12-11T00:00:00Z&userId=me"))
                .get("items");
        assertThat(december).extracting(n -> n.get("title").asString()).containsExactly("Weekly sync " + org.tag, "Trade fair " + org.tag);
    }

    @Test
    void badInputIsRefusedWithAProblemNamingTheField() {
        long caseId = org.opportunity("Bad", Map.of()).get("id").asLong();
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(Map.of("start", "2026-12-01T09:00:00Z"))), 400, "title");
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(Map.of("title", "x"))), 400, "start");
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(meeting("x", "2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z"))),
                400, "end");
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(Map.of("title", "x", "start", "soon"))), 400, "start");
        Map<String, Object> rule = meeting("x", "2026-12-01T09:00:00Z", null);
        rule.put("recurrence", "FREQ=SOMETIMES");
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(rule)), 400, "recurrence");
        Map<String, Object> runaway = meeting("x", "2026-12-01T09:00:00Z", null);
        runaway.put("recurrence", "FREQ=SECONDLY");
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(runaway)), 400, "recurrence");
        Map<String, Object> noCase = meeting("x", "2026-12-01T09:00:00Z", null);
        noCase.put("caseId", caseId + 100000);
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(noCase)), 400, "caseId");
        Map<String, Object> badAttendee = meeting("x", "2026-12-01T09:00:00Z", null);
        badAttendee.put("attendees", List.of(Map.of("email", "not an address")));
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(badAttendee)), 400, "attendees[0].email");
        Map<String, Object> typo = meeting("x", "2026-12-01T09:00:00Z", null);
        typo.put("colour", "red");
        assertProblem(org.alice.post("/api/v1/meetings", ApiClient.json(typo)), 400, "colour");
        assertProblem(org.alice.get("/api/v1/meetings?from=2026-12-01T00:00:00Z"), 400, "to");
        assertProblem(org.alice.get("/api/v1/meetings/999999999"), 404, null);
        // nothing was written by any of these
        assertThat(org.alice.ok(200, org.alice.get("/api/v1/meetings?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z&userId=me"))
                .get("items")).isEmpty();
        assertThat(summaries(org.alice.ok(200, org.alice.get("/api/v1/opportunities/" + caseId + "/history"))))
                .noneMatch(s -> s.startsWith("Meeting"));
    }

    static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(body.get("errors").get(0).get("field").asString()).as(response.toString()).isEqualTo(field);
        }
    }
}
