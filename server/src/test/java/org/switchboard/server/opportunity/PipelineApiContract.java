package org.switchboard.server.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline core through the REST API, as a script or connector uses it. Runs once on H2 and once on
 * PostgreSQL (see the subclasses); each test builds its own small organisation with unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PipelineApiContract {
    private static int sequence;

    @LocalServerPort
    int port;

    ApiClient admin;
    ApiClient manager;
    ApiClient sam;
    ApiClient sue;
    ApiClient operator;
    long samId;
    long sueId;
    long operatorId;
    long teamId;
    long otherTeamId;
    long newStage;
    long proposalStage;
    long otherTeamStage;
    String tag;

    @BeforeEach
    void organisation() {
        tag = "t" + (++sequence) + System.nanoTime() % 100000;
        admin = ApiClient.admin(port);
        long managerId = user("mgr", "SALES_MANAGER");
        samId = user("sam", "SALESPERSON");
        sueId = user("sue", "SALESPERSON");
        operatorId = user("op", "OPERATOR");
        manager = ApiClient.basic(port, "mgr" + tag, "password-" + tag);
        sam = ApiClient.basic(port, "sam" + tag, "password-" + tag);
        sue = ApiClient.basic(port, "sue" + tag, "password-" + tag);
        operator = ApiClient.basic(port, "op" + tag, "password-" + tag);
        teamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Direct " + tag, "leaderId", managerId,
                "memberIds", List.of(managerId, samId, sueId))))).get("id").asLong();
        otherTeamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Other " + tag)))).get("id").asLong();
        newStage = stage(teamId, "New", 10, 10);
        proposalStage = stage(teamId, "Proposition", 20, 40);
        otherTeamStage = stage(otherTeamId, "Elsewhere", 10, 5);
    }

    private long user(String prefix, String role) {
        return admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", prefix + tag, "displayName",
                prefix.toUpperCase() + " " + tag, "email", prefix + tag + "@example.com", "role", role, "password", "password-" + tag))))
                .get("id").asLong();
    }

    private long stage(long team, String name, int sequence, int probability) {
        return admin.ok(201, admin.post("/api/v1/stages", ApiClient.json(Map.of("teamId", team, "name", name, "sequence", sequence,
                "probability", probability)))).get("id").asLong();
    }

    private JsonNode history(long caseId) {
        return sam.ok(200, sam.get("/api/v1/opportunities/" + caseId + "/history")).get("items");
    }

    private static List<String> kinds(JsonNode entries) {
        List<String> kinds = new ArrayList<>();
        entries.forEach(e -> kinds.add(e.get("kind").asString()));
        return kinds;
    }

    @Test
    void leadToOpportunityScenarioShowsEveryStepInHistoryAndPartnerEvents() {
        long acme = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Acme " + tag,
                "categories", List.of("Industry"))))).get("id").asLong();
        long anna = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Anna Smith",
                "companyId", acme, "emails", List.of("anna." + tag + "@acme.example"))))).get("id").asLong();

        // A call-centre operator takes the request as a lead; the address is typed in another case.
        JsonNode lead = operator.ok(201, operator.post("/api/v1/opportunities", ApiClient.json(Map.of("type", "LEAD",
                "name", "40 scanners " + tag, "contactName", "Anna Smith", "email", "ANNA." + tag.toUpperCase() + "@Acme.Example",
                "teamId", teamId))));
        long id = lead.get("id").asLong();
        assertThat(lead.get("responsibleId")).as("an operator's lead is unassigned").isNull();
        assertThat(lead.get("stageId").asLong()).isEqualTo(newStage);

        // The manager converts it: the partner is found by the email address.
        JsonNode converted = manager.ok(200, manager.post("/api/v1/opportunities/" + id + "/convert",
                ApiClient.json(Map.of("version", lead.get("version").asInt()))));
        assertThat(converted.get("type").asString()).isEqualTo("OPPORTUNITY");
        assertThat(converted.get("partnerId").asLong()).isEqualTo(acme);
        assertThat(converted.get("contactId").asLong()).isEqualTo(anna);
        assertThat(converted.get("state").asString()).isEqualTo("OPEN");

        // It shows in Unassigned; the manager assigns it to Sam from there.
        assertThat(ids(manager.ok(200, manager.get("/api/v1/opportunities?view=unassigned&teamId=" + teamId)))).contains(id);
        manager.ok(200, manager.post("/api/v1/opportunities/assign", ApiClient.json(Map.of("ids", List.of(id), "responsibleId", samId))));
        assertThat(ids(manager.ok(200, manager.get("/api/v1/opportunities?view=unassigned&teamId=" + teamId)))).doesNotContain(id);
        assertThat(ids(sam.ok(200, sam.get("/api/v1/opportunities?view=mine")))).containsExactly(id);

        // Sam moves it to the next stage (If-Match) and adds a note.
        Response current = sam.get("/api/v1/opportunities/" + id);
        JsonNode staged = sam.ok(200, sam.patch("/api/v1/opportunities/" + id, ApiClient.json(Map.of("stageId", proposalStage)),
                current.header("ETag")));
        assertThat(staged.get("probability").decimalValue()).isEqualByComparingTo("40");
        sam.ok(201, sam.post("/api/v1/opportunities/" + id + "/history", ApiClient.json(Map.of("text", "Called Anna: wants a demo."))));

        JsonNode history = history(id);
        assertThat(kinds(history)).containsExactly("NOTE", "STAGE", "RESPONSIBLE", "CONVERTED", "CREATED");
        assertThat(history.get(1).get("summary").asString()).isEqualTo("Stage: New → Proposition");
        assertThat(history.get(2).get("summary").asString()).contains("→ SAM " + tag);
        assertThat(history.get(0).get("body").asString()).isEqualTo("Called Anna: wants a demo.");
        assertThat(history.get(0).get("authorName").asString()).isEqualTo("SAM " + tag);

        // The company's events and the contact's events show the whole story, the lead's beginning included.
        JsonNode companyEvents = manager.ok(200, manager.get("/api/v1/partners/" + acme + "/events")).get("items");
        assertThat(kinds(companyEvents)).containsExactly("NOTE", "STAGE", "RESPONSIBLE", "CONVERTED", "CREATED");
        assertThat(companyEvents.get(0).get("caseName").asString()).isEqualTo("40 scanners " + tag);
        JsonNode contactEvents = manager.ok(200, manager.get("/api/v1/partners/" + anna + "/events")).get("items");
        assertThat(kinds(contactEvents)).hasSize(5);
    }

    @Test
    void conversionCreatesThePartnerWhenNoneMatches() {
        JsonNode lead = sam.ok(201, sam.post("/api/v1/opportunities", ApiClient.json(Map.of("type", "LEAD", "name", "Website " + tag,
                "partnerName", "Newco " + tag, "contactName", "Nina New", "email", "nina@newco-" + tag + ".example"))));
        JsonNode converted = sam.ok(200, sam.post("/api/v1/opportunities/" + lead.get("id").asLong() + "/convert",
                ApiClient.json(Map.of("version", lead.get("version").asInt()))));
        JsonNode company = sam.ok(200, sam.get("/api/v1/partners/" + converted.get("partnerId").asLong()));
        assertThat(company.get("name").asString()).isEqualTo("Newco " + tag);
        assertThat(company.get("kind").asString()).isEqualTo("COMPANY");
        JsonNode contact = sam.ok(200, sam.get("/api/v1/partners/" + converted.get("contactId").asLong()));
        assertThat(contact.get("companyId").asLong()).isEqualTo(company.get("id").asLong());
        assertThat(contact.get("emails").get(0).asString()).isEqualTo("nina@newco-" + tag + ".example");
        // Converting twice is a conflict, not a second partner.
        assertThat(sam.post("/api/v1/opportunities/" + lead.get("id").asLong() + "/convert",
                ApiClient.json(Map.of("version", converted.get("version").asInt()))).status()).isEqualTo(409);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        long before = count();
        assertProblem(sam.post("/api/v1/opportunities", "{\"name\": \"x\", "), 400, null);
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "x", "state", "WONDERFUL"))), 400, "state");
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("expectedRevenue", 10))), 400, "name");
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "x".repeat(201)))), 400, "name");
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "x", "expectedRevenue", "lots"))), 400,
                "expectedRevenue");
        assertProblem(manager.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "x", "responsibleId", operatorId))), 400,
                "responsibleId");
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "x", "teamId", teamId, "stageId", otherTeamStage))),
                400, "stageId");
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "x", "email", "not an address"))), 400, "email");
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "x", "colour", "red"))), 400, "colour");
        assertProblem(sam.post("/api/v1/partners", ApiClient.json(Map.of("name", "P", "emails", List.of("a@b.example", "nope")))), 400,
                "emails[1]");
        assertProblem(sam.get("/api/v1/opportunities?state=SOMETIMES"), 400, "state");
        assertProblem(sam.get("/api/v1/opportunities?after=garbage!"), 400, "after");
        assertThat(count()).as("nothing written").isEqualTo(before);
        assertThat(sam.get("/api/v1/opportunities/999999999").status()).isEqualTo(404);
    }

    @Test
    void aStaleUpdateNeverWinsSilently() {
        JsonNode created = sam.ok(201, sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "Race " + tag, "teamId", teamId))));
        String path = "/api/v1/opportunities/" + created.get("id").asLong();
        String etag = sam.get(path).header("ETag");
        sam.ok(200, sam.patch(path, ApiClient.json(Map.of("expectedRevenue", 1000)), etag));
        // Sue read the same version and saves after Sam.
        assertProblem(sue.patch(path, ApiClient.json(Map.of("expectedRevenue", 5)), etag), 412, null);
        assertProblem(sue.patch(path, ApiClient.json(Map.of("expectedRevenue", 5, "version", created.get("version").asInt())), null), 409, null);
        assertProblem(sue.patch(path, ApiClient.json(Map.of("expectedRevenue", 5)), null), 428, "version");
        assertThat(sam.ok(200, sam.get(path)).get("expectedRevenue").decimalValue()).isEqualByComparingTo("1000");
        assertThat(kinds(history(created.get("id").asLong()))).containsExactly("UPDATED", "CREATED");
    }

    @Test
    void aSalespersonCannotTakeAnotherSalespersonsCase() {
        JsonNode suesCase = sue.ok(201, sue.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "Sue's " + tag, "teamId", teamId))));
        assertThat(suesCase.get("responsibleId").asLong()).as("a salesperson's new case is hers").isEqualTo(sueId);
        String path = "/api/v1/opportunities/" + suesCase.get("id").asLong();
        assertProblem(sam.patch(path, ApiClient.json(Map.of("responsibleId", samId)), sam.get(path).header("ETag")), 403, null);
        assertProblem(sam.post("/api/v1/opportunities/assign", ApiClient.json(Map.of("ids", List.of(suesCase.get("id").asLong()),
                "responsibleId", samId))), 403, null);
        assertProblem(sam.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "For Sue", "responsibleId", sueId))), 403, null);
        // Sam may still work on it (same team) without touching the Responsible; the manager may reassign.
        sam.ok(200, sam.patch(path, ApiClient.json(Map.of("nextAction", "Call")), sam.get(path).header("ETag")));
        JsonNode reassigned = manager.ok(200, manager.patch(path, ApiClient.json(Map.of("responsibleId", samId)), manager.get(path).header("ETag")));
        assertThat(reassigned.get("responsibleId").asLong()).isEqualTo(samId);
        // Outside her teams a salesperson cannot edit.
        JsonNode foreign = manager.ok(201, manager.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "Foreign " + tag,
                "teamId", otherTeamId))));
        String foreignPath = "/api/v1/opportunities/" + foreign.get("id").asLong();
        assertProblem(sam.patch(foreignPath, ApiClient.json(Map.of("nextAction", "x")), sam.get(foreignPath).header("ETag")), 403, null);
    }

    @Test
    void listsAreKeysetPagedCountedAndSearchable() {
        Set<Long> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(sue.ok(201, sue.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "Paged " + i + " " + tag,
                    "partnerName", "Zebra Works " + tag, "teamId", teamId, "expectedRevenue", 100 * i)))).get("id").asLong());
        }
        Set<Long> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = sue.ok(200, sue.get("/api/v1/opportunities?view=mine&limit=2&sort=REVENUE" + (next == null ? "" : "&after=" + next)));
            if (pages == 0) {
                assertThat(page.get("total").asLong()).isEqualTo(5);
            }
            page.get("items").forEach(item -> assertThat(seen.add(item.get("id").asLong())).as("no row twice").isTrue());
            next = page.has("next") ? page.get("next").asString() : null;
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(created);
        JsonNode found = sue.ok(200, sue.get("/api/v1/opportunities?q=zebra%20works%20" + tag.toUpperCase()));
        assertThat(ids(found)).containsExactlyInAnyOrderElementsOf(created);
        assertThat(found.get("total").asLong()).isEqualTo(5);
        long withEmail = sue.ok(201, sue.post("/api/v1/opportunities", ApiClient.json(Map.of("name", "Mail " + tag,
                "email", "Zed" + tag + "@Zebra" + tag + ".example")))).get("id").asLong();
        for (String query : List.of("zed" + tag + "@zebra" + tag + ".example", "zebra" + tag, "ZED" + tag, "zebra" + tag + ".example")) {
            assertThat(ids(sue.ok(200, sue.get("/api/v1/opportunities?q=" + query)))).as(query).containsExactly(withEmail);
        }
        assertThat(ids(sue.ok(200, sue.get("/api/v1/opportunities?q=nothing-like-this-" + tag)))).isEmpty();
    }

    @Test
    void apiTokensAuthenticateUntilRevoked() {
        JsonNode issued = sam.ok(201, sam.post("/api/v1/users/me/tokens", ApiClient.json(Map.of("name", "Thunderbird"))));
        String token = issued.get("token").asString();
        ApiClient withToken = ApiClient.token(port, token);
        assertThat(withToken.ok(200, withToken.get("/api/v1/users/me")).get("id").asLong()).isEqualTo(samId);
        assertThat(sam.ok(200, sam.get("/api/v1/users/me/tokens")).toString()).doesNotContain(token);
        sam.ok(204, sam.delete("/api/v1/users/me/tokens/" + issued.get("info").get("id").asLong()));
        assertProblem(withToken.get("/api/v1/users/me"), 401, null);
        assertProblem(ApiClient.anonymous(port).get("/api/v1/opportunities"), 401, null);
        assertProblem(ApiClient.basic(port, "sam" + tag, "wrong").get("/api/v1/opportunities"), 401, null);
        assertProblem(sam.post("/api/v1/users", ApiClient.json(Map.of("username", "x", "displayName", "x", "role", "ADMIN",
                "password", "long-enough-pw"))), 403, null);
    }

    private long count() {
        return admin.ok(200, admin.get("/api/v1/opportunities?limit=1&open=true")).get("total").asLong()
                + admin.ok(200, admin.get("/api/v1/opportunities?limit=1&type=LEAD")).get("total").asLong()
                + admin.ok(200, admin.get("/api/v1/partners?limit=500")).get("items").size();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private static void assertProblem(Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(body.get("errors").get(0).get("field").asString()).as(response.toString()).isEqualTo(field);
        }
    }
}
