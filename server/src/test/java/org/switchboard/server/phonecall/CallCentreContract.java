package org.switchboard.server.phonecall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.user.Role;
import tools.jackson.databind.JsonNode;

/** Calls, outcomes and the operator queue through the API (and the claim under concurrency). Runs on H2 and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CallCentreContract {
    @LocalServerPort
    int port;
    @Autowired
    PhoneCallService service;
    CallCentreOrganisation org;

    @BeforeEach
    void organisation() {
        org = new CallCentreOrganisation(port, 0);
    }

    private static List<String> kinds(JsonNode entries) {
        List<String> kinds = new ArrayList<>();
        entries.forEach(e -> kinds.add(e.get("kind").asString()));
        return kinds;
    }

    @Test
    void aMeetingPlannedFromACallIsInTheCompanyCalendarAndTheOpportunitysHistory() {
        long acme = org.company("Meetco " + org.tag, "01 23 45 67 80");
        long anna = org.manager.ok(201, org.manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Anna Meet " + org.tag,
                "companyId", acme, "emails", List.of("anna@meetco-" + org.tag + ".example"))))).get("id").asLong();
        long opportunity = org.manager.ok(201, org.manager.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "Demo " + org.tag,
                "partnerId", acme)))).get("id").asLong();
        long call = todo(org.manager, Map.of("state", "HELD", "partnerId", acme, "contactId", anna, "caseId", opportunity,
                "summary", "Wants a demo"));
        String start = "2026-12-03T10:00:00Z";
        JsonNode meeting = org.manager.ok(201, org.manager.post("/api/v1/calls/" + call + "/meeting", ApiClient.json(Map.of("start", start))));
        assertThat(meeting.get("title").asString()).isEqualTo("Meeting with Anna Meet " + org.tag);
        assertThat(meeting.get("partnerId").asLong()).isEqualTo(acme);
        assertThat(meeting.get("caseId").asLong()).isEqualTo(opportunity);
        assertThat(meeting.get("end").asString()).as("an hour by default").isEqualTo("2026-12-03T11:00:00Z");
        assertThat(meeting.get("attendees").toString()).as("the contact is invited").contains("anna@meetco-" + org.tag + ".example");
        JsonNode calendar = org.manager.ok(200, org.manager.get("/api/v1/meetings?from=2026-12-03T00:00:00Z&to=2026-12-04T00:00:00Z&userId=me"))
                .get("items");
        assertThat(calendar.toString()).contains("\"id\":" + meeting.get("id").asLong());
        JsonNode history = org.manager.ok(200, org.manager.get("/api/v1/opportunities/" + opportunity + "/history")).get("items");
        assertThat(kinds(history)).contains("MEETING");

        long unknown = todo(org.manager, Map.of("state", "HELD", "partnerName", "Nobody " + org.tag, "summary", "Who?"));
        assertThat(org.manager.post("/api/v1/calls/" + unknown + "/meeting", ApiClient.json(Map.of("start", start))).status())
                .as("no partner to meet yet").isEqualTo(409);
        assertThat(org.manager.post("/api/v1/calls/" + call + "/meeting", "{}").status()).as("start is required").isEqualTo(400);
    }

    private JsonNode events(long partnerId) {
        return org.manager.ok(200, org.manager.get("/api/v1/partners/" + partnerId + "/events")).get("items");
    }

    private long todo(ApiClient who, Map<String, Object> fields) {
        return who.ok(201, who.post("/api/v1/calls", ApiClient.json(fields))).get("id").asLong();
    }

    @Test
    void aLoggedCallGoesToThePartnersEventsAndTheOpportunitysHistory() {
        long acme = org.company("Acme " + org.tag, "01 23 45 67 89");
        JsonNode call = org.operator.ok(201, org.operator.post("/api/v1/calls", ApiClient.json(Map.of("direction", "INBOUND",
                "state", "HELD", "partnerId", acme, "summary", "Asks for a price list", "durationMinutes", 4))));
        assertThat(call.get("phone").asString()).as("the partner's phone, in E.164").isEqualTo("+33123456789");
        assertThat(call.get("callDate")).isNotNull();
        JsonNode events = events(acme);
        assertThat(kinds(events)).containsExactly("CALL");
        assertThat(events.get(0).get("caseId")).as("a call with a partner only").isNull();
        assertThat(events.get(0).get("summary").asString()).isEqualTo("Call held with Acme " + org.tag + ": Asks for a price list");

        long opportunity = org.manager.ok(201, org.manager.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "Price list " + org.tag,
                "partnerId", acme)))).get("id").asLong();
        org.operator.ok(201, org.operator.post("/api/v1/calls", ApiClient.json(Map.of("state", "NOT_HELD", "caseId", opportunity,
                "summary", "Call back about prices"))));
        JsonNode history = org.manager.ok(200, org.manager.get("/api/v1/opportunities/" + opportunity + "/history")).get("items");
        assertThat(kinds(history)).containsExactly("CALL", "CREATED");
        assertThat(kinds(events(acme))).containsExactly("CALL", "CREATED", "CALL");

        JsonNode listed = org.operator.ok(200, org.operator.get("/api/v1/calls?direction=INBOUND&mine=true")).get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(call.get("id").asLong());
    }

    @Test
    void aCallNamingATeamOrCampaignThatDoesNotExistIsRefusedAndNotStored() {
        int before = org.operator.ok(200, org.operator.get("/api/v1/calls?mine=true")).get("items").size();
        for (String field : List.of("teamId", "campaignId")) {
            ApiClient.Response refused = org.operator.post("/api/v1/calls", ApiClient.json(Map.of("direction", "OUTBOUND",
                    "summary", "Nowhere " + field, "partnerName", "Unknown Ltd", field, 987_654_321L)));
            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asString()).contains("987654321 does not exist");
        }
        assertThat(org.operator.ok(200, org.operator.get("/api/v1/calls?mine=true")).get("items").size()).isEqualTo(before);
    }

    @Test
    void patchNeedsTheVersionReadAndRefusesUnknownFields() {
        long id = todo(org.operator, Map.of("summary", "Offer the new plan", "partnerName", "Unknown Ltd", "phone", "+44 20 7946 0958"));
        ApiClient.Response read = org.operator.get("/api/v1/calls/" + id);
        assertThat(read.json().get("phone").asString()).isEqualTo("+442079460958");
        JsonNode patched = org.operator.ok(200, org.operator.patch("/api/v1/calls/" + id, ApiClient.json(Map.of("notes", "prefers mornings")),
                read.header("ETag")));
        assertThat(patched.get("notes").asString()).isEqualTo("prefers mornings");
        assertThat(org.operator.patch("/api/v1/calls/" + id, ApiClient.json(Map.of("notes", "x")), read.header("ETag")).status()).isEqualTo(412);
        assertThat(org.operator.patch("/api/v1/calls/" + id, ApiClient.json(Map.of("notes", "x")), null).status()).isEqualTo(428);
        ApiClient.Response unknown = org.operator.patch("/api/v1/calls/" + id, ApiClient.json(Map.of("colour", "red")), "\"1\"");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(org.operator.patch("/api/v1/calls/" + id, ApiClient.json(Map.of("state", "HELD")), "\"1\"").status()).isEqualTo(400);

        // The unknown caller becomes a partner; a second call from the same number finds it by phone.
        JsonNode linked = org.operator.ok(200, org.operator.post("/api/v1/calls/" + id + "/partner", "{}"));
        assertThat(linked.get("partnerId")).isNotNull();
        long other = todo(org.operator, Map.of("summary", "Again", "partnerName", "Someone else", "phone", "020 7946 0958".replace("020", "+44 20")));
        assertThat(org.operator.ok(200, org.operator.post("/api/v1/calls/" + other + "/partner", "{}")).get("partnerId").asLong())
                .isEqualTo(linked.get("partnerId").asLong());
    }

    @Test
    void anOutcomeOnACallClosedBySomeoneElseIsAConflict() {
        long id = todo(org.manager, Map.of("summary", "Renewal " + org.tag, "partnerName", "Renewco", "responsibleId", org.operatorId));
        org.operator.ok(200, org.operator.post("/api/v1/calls/" + id + "/outcome", ApiClient.json(Map.of("outcome", "CANCEL"))));
        ApiClient.Response late = org.otherOperator.post("/api/v1/calls/" + id + "/outcome", ApiClient.json(Map.of("outcome", "HELD")));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.json().get("detail").asString()).contains("already closed");
        assertThat(org.operator.post("/api/v1/calls/" + id + "/outcome", ApiClient.json(Map.of("outcome", "MAYBE"))).status()).isEqualTo(400);
    }

    @Test
    void notHeldReturnsToTheQueueLaterAndIsCancelledAfterThreeAttempts() {
        long acme = org.company("Retry " + org.tag, null);
        long id = todo(org.manager, Map.of("summary", "Survey", "partnerId", acme, "responsibleId", org.operatorId));
        JsonNode claimed = org.operator.ok(200, org.operator.post("/api/v1/calls/next", "{}"));
        assertThat(claimed.get("id").asLong()).isEqualTo(id);
        assertThat(org.operator.ok(200, org.operator.post("/api/v1/calls/next", "{}")).get("id").asLong())
                .as("the screen opened again shows the same call").isEqualTo(id);

        JsonNode first = org.operator.ok(200, org.operator.post("/api/v1/calls/" + id + "/outcome",
                ApiClient.json(Map.of("outcome", "NOT_HELD", "notes", "voicemail"))));
        assertThat(first.get("state").asString()).isEqualTo("TODO");
        assertThat(first.get("attempts").asInt()).isEqualTo(1);
        assertThat(Instant.parse(first.get("dueAt").asString())).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(first.get("claimedBy")).as("back in the queue").isNull();
        assertThat(org.operator.post("/api/v1/calls/next", "{}").status()).as("not due before the retry delay").isEqualTo(204);

        org.operator.ok(200, org.operator.post("/api/v1/calls/" + id + "/outcome", ApiClient.json(Map.of("outcome", "NOT_HELD"))));
        JsonNode third = org.operator.ok(200, org.operator.post("/api/v1/calls/" + id + "/outcome", ApiClient.json(Map.of("outcome", "NOT_HELD"))));
        assertThat(third.get("state").asString()).isEqualTo("CANCELLED");
        assertThat(third.get("attempts").asInt()).isEqualTo(3);
        assertThat(third.get("closedReason").asString()).isEqualTo("not held 3 times: cancelled automatically");
        assertThat(third.get("notes").asString()).isEqualTo("voicemail");
        JsonNode events = events(acme);
        assertThat(kinds(events)).containsExactly("CALL", "CALL", "CALL");
        assertThat(events.get(0).get("summary").asString()).contains("attempt 3 of 3").contains("cancelled automatically");
    }

    @Test
    void aRepeatedOutcomeAgainstTheVersionSeenCountsOneAttempt() {
        long id = todo(org.manager, Map.of("summary", "Survey", "partnerName", "Twice " + org.tag, "responsibleId", org.operatorId));
        JsonNode claimed = org.operator.ok(200, org.operator.post("/api/v1/calls/next", "{}"));
        int seen = claimed.get("version").asInt();
        String notHeld = ApiClient.json(Map.of("outcome", "NOT_HELD", "version", seen));
        org.operator.ok(200, org.operator.post("/api/v1/calls/" + id + "/outcome", notHeld));
        assertThat(org.operator.post("/api/v1/calls/" + id + "/outcome", notHeld).status()).as("the same submission again").isEqualTo(409);
        assertThat(org.operator.send("POST", "/api/v1/calls/" + id + "/outcome", ApiClient.json(Map.of("outcome", "NOT_HELD")).getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "If-Match", "\"" + seen + "\"").status()).isEqualTo(412);
        assertThat(org.manager.ok(200, org.manager.get("/api/v1/calls/" + id)).get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aHeldCallConvertsIntoAnOpportunityWithHistoryOnBothSides() {
        long acme = org.company("Convert " + org.tag, "+33 1 98 76 54 32");
        long id = todo(org.manager, Map.of("summary", "Fleet offer", "partnerId", acme));
        JsonNode held = org.manager.ok(200, org.manager.post("/api/v1/calls/" + id + "/outcome", ApiClient.json(Map.of("outcome", "HELD",
                "notes", "wants 20 trackers", "convert", true, "teamId", org.teamId))));
        assertThat(held.get("state").asString()).isEqualTo("HELD");
        long caseId = held.get("convertedCaseId").asLong();
        assertThat(held.get("caseId").asLong()).isEqualTo(caseId);
        JsonNode opportunity = org.manager.ok(200, org.manager.get("/api/v1/opportunities/" + caseId));
        assertThat(opportunity.get("type").asString()).isEqualTo("OPPORTUNITY");
        assertThat(opportunity.get("partnerId").asLong()).isEqualTo(acme);
        assertThat(opportunity.get("teamId").asLong()).isEqualTo(org.teamId);
        assertThat(opportunity.get("description").asString()).isEqualTo("wants 20 trackers");

        JsonNode history = org.manager.ok(200, org.manager.get("/api/v1/opportunities/" + caseId + "/history")).get("items");
        assertThat(kinds(history)).containsExactly("CALL", "CALL", "CREATED");
        assertThat(history.get(0).get("summary").asString()).startsWith("Call held with Convert " + org.tag).contains("converted into");
        assertThat(history.get(1).get("summary").asString()).startsWith("Created from a call");
        assertThat(kinds(events(acme))).containsExactly("CALL", "CALL", "CREATED");

        // An operator's conversion makes a lead (operators create leads only); converting twice is a conflict.
        long other = todo(org.operator, Map.of("summary", "Inbound interest", "partnerId", acme, "direction", "INBOUND"));
        JsonNode lead = org.operator.ok(201, org.operator.post("/api/v1/calls/" + other + "/convert", ApiClient.json(Map.of("teamId", org.teamId))));
        assertThat(lead.get("type").asString()).isEqualTo("LEAD");
        assertThat(org.operator.post("/api/v1/calls/" + other + "/convert", "{}").status()).isEqualTo(409);

        // A follow-up call is scheduled with the same party.
        JsonNode next = org.operator.ok(201, org.operator.post("/api/v1/calls/" + id + "/follow-up",
                ApiClient.json(Map.of("dueAt", "2030-01-15T09:00:00Z"))));
        assertThat(next.get("state").asString()).isEqualTo("TODO");
        assertThat(next.get("partnerId").asLong()).isEqualTo(acme);
        assertThat(next.get("dueAt").asString()).isEqualTo("2030-01-15T09:00:00Z");
    }

    @Test
    void twentyOperatorsClaimingAtOnceNeverGetTheSameCall() throws Exception {
        CallCentreOrganisation crowd = new CallCentreOrganisation(port, 20);
        long campaign = crowd.campaign("Crowd");
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            CallDraft d = new CallDraft();
            d.summary = "Crowd call " + i;
            d.partnerName = "Crowd " + i;
            d.campaignId = campaign;
            d.teamId = crowd.teamId;
            d.dueAt = Instant.now().minusSeconds(60);
            d.responsibleId = null;
            d.named.add("responsibleId");
            service.create(new SwitchboardUser(crowd.managerId, "m", "M", Role.SALES_MANAGER, null, true), d);
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<?>> done = new ArrayList<>();
        for (long operatorId : crowd.extraOperators) {
            SwitchboardUser op = new SwitchboardUser(operatorId, "op" + operatorId, "Op " + operatorId, Role.OPERATOR, null, true);
            done.add(pool.submit(() -> {
                start.await();
                while (true) {
                    var call = service.claimNext(op);
                    if (call.isEmpty()) {
                        return null;
                    }
                    claimed.add(call.get().id());
                    service.outcome(op, call.get().id(), CallOutcome.HELD, null, false, null, null);
                }
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        Set<Long> unique = new HashSet<>(claimed);
        assertThat(claimed).as("no call claimed twice").hasSize(unique.size());
        assertThat(unique).hasSize(calls);
        JsonNode stats = crowd.manager.ok(200, crowd.manager.get("/api/v1/call-campaigns/" + campaign + "/stats"));
        assertThat(stats.get("held").asLong()).isEqualTo(calls);
        assertThat(stats.get("operators").size()).as("work spread over the operators").isGreaterThan(1);
    }
}
