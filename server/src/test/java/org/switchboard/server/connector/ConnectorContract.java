package org.switchboard.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * The add-ins' API and login, over HTTP as the Thunderbird and Outlook add-ins use them. Runs on H2 and
 * PostgreSQL (subclasses); each test builds its own team, salespeople and customer with unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.connector.allowed-origins=https://addin.example.test, https://other-addin.example.test/",
        "switchboard.mail.max-message-size=300000" })
abstract class ConnectorContract {
    static final String ADDIN_ORIGIN = "https://addin.example.test";
    private static int sequence;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    ApiClient manager;
    ApiClient sam;
    String tag;
    String password;
    long samId;
    long teamId;
    long otherTeamId;
    long acme;
    long anna;
    String annaEmail;

    @BeforeEach
    void organisation() {
        tag = "c" + (++sequence) + System.nanoTime() % 100000;
        password = "password-" + tag;
        admin = ApiClient.admin(port);
        long managerId = user("mgr", "SALES_MANAGER");
        samId = user("sam", "SALESPERSON");
        manager = ApiClient.basic(port, "mgr" + tag, password);
        sam = ApiClient.basic(port, "sam" + tag, password);
        teamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Direct " + tag, "leaderId", managerId,
                "memberIds", List.of(managerId, samId))))).get("id").asLong();
        otherTeamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Other " + tag)))).get("id").asLong();
        acme = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Acme " + tag))))
                .get("id").asLong();
        annaEmail = "anna." + tag + "@acme.example";
        anna = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Anna Smith " + tag,
                "companyId", acme, "emails", List.of(annaEmail))))).get("id").asLong();
    }

    private long user(String prefix, String role) {
        return admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", prefix + tag, "displayName",
                prefix.toUpperCase() + " " + tag, "email", prefix + tag + "@example.com", "role", role, "password", "password-" + tag))))
                .get("id").asLong();
    }

    /** Sam's add-in, logged in through the dialog like the real one. */
    private ApiClient samsAddIn(String client) {
        AddInLogin dialog = new AddInLogin(port);
        String code = dialog.code(client, "sam" + tag, password);
        JsonNode grant = ApiClient.anonymous(port).ok(200, exchange(code, dialog.verifier));
        return ApiClient.token(port, grant.get("token").asString());
    }

    private Response exchange(String code, String verifier) {
        return ApiClient.anonymous(port).post("/api/connector/token", ApiClient.json(Map.of("code", code, "verifier", verifier)));
    }

    private long opportunity(Map<String, Object> fields) {
        return manager.ok(201, manager.post("/api/v1/opportunities", ApiClient.json(fields))).get("id").asLong();
    }

    private static Response postMessage(ApiClient client, String path, byte[] eml) {
        return client.send("POST", path, eml, "Content-Type", "message/rfc822");
    }

    private JsonNode history(long caseId) {
        return manager.ok(200, manager.get("/api/v1/opportunities/" + caseId + "/history")).get("items");
    }

    private static List<String> names(JsonNode cases) {
        List<String> names = new ArrayList<>();
        cases.forEach(c -> names.add(c.get("name").asString()));
        return names;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // --- the API --------------------------------------------------------------------------------------------

    @Test
    void lookupNamesThePartnerOfEachAddressWithHerOpenCasesAndHerCompanys() {
        opportunity(Map.of("name", "Scanners " + tag, "partnerId", anna, "teamId", teamId));
        opportunity(Map.of("name", "Printers " + tag, "partnerId", acme, "teamId", teamId));
        long won = opportunity(Map.of("name", "Old deal " + tag, "partnerId", anna, "teamId", teamId));
        manager.ok(200, manager.patch("/api/v1/opportunities/" + won, ApiClient.json(Map.of("state", "WON")),
                manager.get("/api/v1/opportunities/" + won).header("ETag")));
        ApiClient addIn = samsAddIn("thunderbird");

        JsonNode people = addIn.ok(200, addIn.get("/api/connector/people?address=" + q("Anna <" + annaEmail.toUpperCase() + ">")
                + "&address=" + q("nobody." + tag + "@nowhere.example")));

        assertThat(people).hasSize(2);
        JsonNode first = people.get(0);
        assertThat(first.get("partner").get("id").asLong()).isEqualTo(anna);
        assertThat(first.get("partner").get("kind").asString()).isEqualTo("PERSON");
        assertThat(first.get("partner").get("companyId").asLong()).isEqualTo(acme);
        assertThat(first.get("partner").get("companyName").asString()).isEqualTo("Acme " + tag);
        assertThat(names(first.get("openCases"))).as("her case and her company's, not the won one")
                .containsExactly("Printers " + tag, "Scanners " + tag);
        JsonNode scanners = first.get("openCases").get(1);
        assertThat(scanners.get("type").asString()).isEqualTo("OPPORTUNITY");
        assertThat(scanners.get("state").asString()).isEqualTo("NEW");
        assertThat(scanners.get("partnerId").asLong()).isEqualTo(acme);
        assertThat(scanners.has("stage") && scanners.has("responsible")).isTrue();
        JsonNode unknown = people.get(1);
        assertThat(unknown.get("partner").isNull()).as("an unknown address says so with null").isTrue();
        assertThat(unknown.get("openCases")).isEmpty();
    }

    @Test
    void aThunderbirdMessageWithAnAttachmentBecomesALeadWithTheMessageInItsHistory() {
        ApiClient addIn = samsAddIn("thunderbird");
        byte[] pdf = ("%PDF-1.4 quote " + tag).repeat(50).getBytes(StandardCharsets.US_ASCII);
        // What messages.getRaw() gives: an mbox separator and Thunderbird's status lines above the header.
        byte[] eml = Eml.withAttachment("From - Mon Nov 30 09:15:00 2026\r\n" + Eml.MOZILLA_LINES, "Anna Smith <" + annaEmail + ">",
                "sam" + tag + "@example.com", "Quote for 40 scanners " + tag, "quote-" + tag + "@acme.example",
                "Hello Sam,\nplease find our request attached.", "request.pdf", pdf);

        Response created = postMessage(addIn, "/api/connector/cases?type=lead&teamId=" + teamId, eml);

        JsonNode lead = addIn.ok(201, created);
        assertThat(created.header("Location")).isEqualTo("/api/v1/opportunities/" + lead.get("id").asLong());
        assertThat(lead.get("alreadyLogged").asBoolean()).isFalse();
        assertThat(lead.get("type").asString()).isEqualTo("LEAD");
        assertThat(lead.get("name").asString()).isEqualTo("Quote for 40 scanners " + tag);
        assertThat(lead.get("description").asString()).contains("please find our request attached");
        assertThat(lead.get("partnerId").asLong()).as("matched by the sender's address").isEqualTo(acme);
        assertThat(lead.get("contactId").asLong()).isEqualTo(anna);
        assertThat(lead.get("responsibleId").asLong()).isEqualTo(samId);
        JsonNode email = history(lead.get("id").asLong()).get(0);
        assertThat(email.get("kind").asString()).isEqualTo("EMAIL_IN");
        assertThat(email.get("summary").asString()).isEqualTo("Email from Anna Smith <" + annaEmail + ">: Quote for 40 scanners " + tag);
        assertThat(email.get("authorName").asString()).isEqualTo("SAM " + tag);
        assertThat(email.get("body").asString()).contains("please find our request attached", "Attachments: request.pdf (" + pdf.length + " bytes)");
        // Kept like gateway mail: the raw message (without Thunderbird's lines) and the attachment's bytes.
        byte[] kept = jdbc.sql("SELECT raw FROM inbound_message WHERE message_id = ?").param("quote-" + tag + "@acme.example")
                .query((rs, i) -> rs.getBytes(1)).single();
        assertThat(new String(kept, StandardCharsets.UTF_8)).startsWith("From: Anna Smith").doesNotContain("X-Mozilla", "From - Mon");
        assertThat(jdbc.sql("""
                SELECT a.size_bytes FROM mail_message_attachment l JOIN mail_attachment a ON a.sha256 = l.sha256
                JOIN inbound_message m ON m.id = l.inbound_id WHERE m.message_id = ? AND l.filename = 'request.pdf'""")
                .param("quote-" + tag + "@acme.example").query(Long.class).single()).isEqualTo(pdf.length);
    }

    @Test
    void anUnknownSenderIsNamedOnTheLeadAndTheSameMessageTwiceGivesTheSameCase() {
        ApiClient addIn = samsAddIn("outlook");
        String sender = "bob." + tag + "@newco.example";
        byte[] eml = Eml.plain("Bob Builder <" + sender + ">", "sales@example.com", "Offer request " + tag, "offer-" + tag + "@newco.example",
                null, "Can you send an offer?");

        JsonNode lead = addIn.ok(201, postMessage(addIn, "/api/connector/cases", eml));
        assertThat(lead.get("partnerId")).isNull();
        assertThat(lead.get("contactName").asString()).isEqualTo("Bob Builder");
        assertThat(lead.get("email").asString()).isEqualTo(sender);

        Response again = postMessage(addIn, "/api/connector/cases?type=opportunity", eml);
        JsonNode same = addIn.ok(200, again);
        assertThat(same.get("alreadyLogged").asBoolean()).isTrue();
        assertThat(same.get("id").asLong()).isEqualTo(lead.get("id").asLong());
        assertThat(names(addIn.ok(200, addIn.get("/api/connector/cases?q=" + q("Offer request " + tag)))))
                .as("no duplicate case").containsExactly("Offer request " + tag);
        assertThat(history(lead.get("id").asLong()).findValues("kind").stream().filter(k -> k.asString().equals("EMAIL_IN")).count())
                .isEqualTo(1);
    }

    @Test
    void aMessageSheSentBecomesACaseOfItsRecipientNotOfHerself() {
        ApiClient addIn = samsAddIn("thunderbird");
        byte[] eml = Eml.plain("Sam <sam" + tag + "@example.com>", "Anna Smith <" + annaEmail + ">", "Our offer " + tag,
                "sent-" + tag + "@example.com", null, "Please find our offer.");
        JsonNode lead = addIn.ok(201, postMessage(addIn, "/api/connector/cases", eml));
        assertThat(lead.get("partnerId").asLong()).as("Anna's company, not Sam").isEqualTo(acme);
        assertThat(lead.get("contactId").asLong()).isEqualTo(anna);

        String stranger = "zoe." + tag + "@elsewhere.example";
        byte[] toStranger = Eml.plain("Sam <sam" + tag + "@example.com>", "Zoe Lee <" + stranger + ">", "Intro " + tag,
                "intro-" + tag + "@example.com", null, "Nice to meet you.");
        JsonNode other = addIn.ok(201, postMessage(addIn, "/api/connector/cases", toStranger));
        assertThat(other.get("partnerId")).isNull();
        assertThat(other.get("contactName").asString()).isEqualTo("Zoe Lee");
        assertThat(other.get("email").asString()).isEqualTo(stranger);
    }

    @Test
    void aMessageIsLoggedOnACaseOnceAndTheThreadLeadsBackToIt() {
        long caseId = opportunity(Map.of("name", "Scanners " + tag, "partnerId", anna, "teamId", teamId));
        ApiClient addIn = samsAddIn("thunderbird");
        byte[] eml = Eml.plain("Anna Smith <" + annaEmail + ">", "sam" + tag + "@example.com", "Re: Scanners " + tag,
                "answer-" + tag + "@acme.example", null, "We agree to the price.");

        Response logged = postMessage(addIn, "/api/connector/cases/" + caseId + "/messages", eml);
        JsonNode entry = addIn.ok(201, logged);
        assertThat(entry.get("kind").asString()).isEqualTo("EMAIL_IN");
        assertThat(entry.get("caseId").asLong()).isEqualTo(caseId);
        assertThat(entry.get("body").asString()).contains("We agree to the price.");
        assertThat(entry.get("alreadyLogged").asBoolean()).isFalse();

        JsonNode twice = addIn.ok(200, postMessage(addIn, "/api/connector/cases/" + caseId + "/messages", eml));
        assertThat(twice.get("alreadyLogged").asBoolean()).isTrue();
        assertThat(history(caseId).findValues("kind").stream().filter(k -> k.asString().equals("EMAIL_IN")).count()).isEqualTo(1);

        // A later reply in the thread: the add-in asks which case it belongs to before offering a list.
        JsonNode thread = addIn.ok(200, addIn.get("/api/connector/threads?messageId=" + q("<reply-" + tag + "@example.com>")
                + "&messageId=" + q("<answer-" + tag + "@acme.example>")));
        assertThat(thread.get("case").get("id").asLong()).isEqualTo(caseId);
        assertThat(thread.get("case").get("name").asString()).isEqualTo("Scanners " + tag);
        JsonNode none = addIn.ok(200, addIn.get("/api/connector/threads?messageId=unknown-" + tag + "@example.com"));
        assertThat(none.get("case").isNull()).isTrue();
    }

    @Test
    void loggingOnAnotherTeamsCaseIsForbiddenAndOnAMissingCaseNotFound() {
        long elsewhere = opportunity(Map.of("name", "Elsewhere " + tag, "teamId", otherTeamId, "responsibleId", manager.ok(200,
                manager.get("/api/v1/users/me")).get("id").asLong()));
        ApiClient addIn = samsAddIn("thunderbird");
        byte[] eml = Eml.plain("Anna <" + annaEmail + ">", "x@example.com", "Hi " + tag, "hi-" + tag + "@acme.example", null, "Hi");

        Response forbidden = postMessage(addIn, "/api/connector/cases/" + elsewhere + "/messages", eml);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(postMessage(addIn, "/api/connector/cases/999999999/messages", eml).status()).isEqualTo(404);
        assertThat(history(elsewhere).findValues("kind").stream().map(JsonNode::asString)).doesNotContain("EMAIL_IN");
    }

    @Test
    void whatIsNotAMessageIsRefusedAndNothingIsCreated() {
        ApiClient addIn = samsAddIn("thunderbird");
        String name = "Refused " + tag;

        Response json = postMessage(addIn, "/api/connector/cases", ApiClient.json(Map.of("name", name)).getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(json.json().get("detail").asString()).contains("not an email message");
        Response noSender = postMessage(addIn, "/api/connector/cases", ("Subject: " + name + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(noSender.status()).isEqualTo(400);
        assertThat(noSender.json().get("detail").asString()).contains("no From header");
        assertThat(postMessage(addIn, "/api/connector/cases", new byte[0]).status()).isEqualTo(400);

        byte[] huge = Eml.withAttachment("", "Anna <" + annaEmail + ">", "x@example.com", name, "huge-" + tag + "@acme.example", "big",
                "big.pdf", new byte[400_000]);
        Response tooLarge = postMessage(addIn, "/api/connector/cases", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");

        Response wrongType = addIn.send("POST", "/api/connector/cases", Eml.plain("Anna <" + annaEmail + ">", "x@example.com", name,
                "plain-" + tag + "@acme.example", null, "text"), "Content-Type", "text/plain");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");

        assertThat(addIn.ok(200, addIn.get("/api/connector/cases?q=" + q(name)))).as("nothing was created").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE message_id LIKE ?").param("%-" + tag + "@acme.example")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aCaseFromFieldsAndTheSearchForOpenCases() {
        ApiClient addIn = samsAddIn("outlook");
        Response created = addIn.post("/api/connector/cases?teamId=" + teamId, ApiClient.json(Map.of("type", "OPPORTUNITY",
                "name", "Maintenance contract " + tag, "partnerId", anna, "description", "From a phone call")));
        JsonNode o = addIn.ok(201, created);
        assertThat(o.get("type").asString()).isEqualTo("OPPORTUNITY");
        assertThat(o.get("teamId").asLong()).isEqualTo(teamId);
        assertThat(o.get("partnerId").asLong()).isEqualTo(acme);
        assertThat(created.header("Location")).isEqualTo("/api/v1/opportunities/" + o.get("id").asLong());
        assertThat(addIn.post("/api/connector/cases", ApiClient.json(Map.of("name", "x", "stageId", 1))).status())
                .as("only the add-in's fields").isEqualTo(400);

        JsonNode found = addIn.ok(200, addIn.get("/api/connector/cases?q=" + q("maintenance contract " + tag) + "&limit=5"));
        assertThat(names(found)).containsExactly("Maintenance contract " + tag);
        assertThat(names(addIn.ok(200, addIn.get("/api/connector/cases")))).as("without q: my open cases")
                .contains("Maintenance contract " + tag);
    }

    @Test
    void anUnknownSenderBecomesAContactOnceAndASecondTimeIsAConflictNamingTheOwner() {
        ApiClient addIn = samsAddIn("thunderbird");
        String email = "carla." + tag + "@globex.example";

        Response created = addIn.post("/api/connector/contacts", ApiClient.json(Map.of("name", "Carla Diaz", "email", email,
                "companyName", "Globex " + tag)));
        JsonNode carla = addIn.ok(201, created);
        assertThat(carla.get("kind").asString()).isEqualTo("PERSON");
        assertThat(carla.get("emails").get(0).asString()).isEqualTo(email);
        assertThat(carla.get("companyName").asString()).isEqualTo("Globex " + tag);
        JsonNode second = addIn.ok(201, addIn.post("/api/connector/contacts", ApiClient.json(Map.of("name", "Dan", "email",
                "dan." + tag + "@globex.example", "companyName", "globex " + tag))));
        assertThat(second.get("companyId").asLong()).as("the company is found by name").isEqualTo(carla.get("companyId").asLong());

        Response conflict = addIn.post("/api/connector/contacts", ApiClient.json(Map.of("name", "Carla again", "email", email.toUpperCase())));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("partnerId").asLong()).isEqualTo(carla.get("id").asLong());
        JsonNode looked = addIn.ok(200, addIn.get("/api/connector/people?address=" + q(email)));
        assertThat(looked.get(0).get("partner").get("id").asLong()).isEqualTo(carla.get("id").asLong());
    }

    @Test
    void theConnectorApiIsInTheOpenApiDocument() {
        String openapi = ApiClient.anonymous(port).get("/api/openapi.json").raw().body();
        assertThat(openapi).contains("/api/connector/people", "/api/connector/cases", "/api/connector/cases/{id}/messages",
                "/api/connector/threads", "/api/connector/contacts", "/api/connector/token", "message/rfc822",
                "/api/v1/partners/export/outlook.csv", "/api/v1/partners/import/outlook");
    }

    // --- logging in from an add-in --------------------------------------------------------------------------

    @Test
    void theAddInLogsInThroughTheDialogAndItsTokenIsListedScopedAndRevocable() {
        AddInLogin dialog = new AddInLogin(port);
        HttpResponse<String> consent = dialog.openAndLogIn("outlook", "sam" + tag, password);
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("Allow <strong>Outlook</strong> to access Switchboard as <strong>SAM " + tag + "</strong>");

        HttpResponse<String> allowed = dialog.answer(consent, "outlook", "allow");
        assertThat(allowed.statusCode()).isEqualTo(302);
        String done = AddInLogin.location(allowed);
        assertThat(done).contains("/connect/done?code=");
        HttpResponse<String> donePage = dialog.get(done);
        assertThat(donePage.body()).contains("You can close this window", "Office.context.ui.messageParent", "office.js");
        assertThat(donePage.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String code = AddInLogin.codeOf(done);

        JsonNode grant = ApiClient.anonymous(port).ok(200, exchange(code, dialog.verifier));
        assertThat(grant.get("token").asString()).startsWith("sb_");
        assertThat(grant.get("user").get("id").asLong()).isEqualTo(samId);
        assertThat(grant.get("user").get("login").asString()).isEqualTo("sam" + tag);
        assertThat(grant.get("user").get("name").asString()).isEqualTo("SAM " + tag);
        ApiClient addIn = ApiClient.token(port, grant.get("token").asString());
        assertThat(addIn.get("/api/connector/people?address=" + q(annaEmail)).status()).isEqualTo(200);

        // The code works once.
        Response reused = exchange(code, dialog.verifier);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");

        // Listed in Sam's tokens, with its scope and an expiry.
        JsonNode listed = sam.ok(200, sam.get("/api/v1/users/me/tokens"));
        JsonNode token = listed.get(listed.size() - 1);
        assertThat(token.get("id").asLong()).isEqualTo(grant.get("tokenId").asLong());
        assertThat(token.get("name").asString()).isEqualTo("Outlook connector");
        assertThat(token.get("scope").asString()).isEqualTo("connector");
        assertThat(token.get("expiresAt")).isNotNull();

        // Scope: what an add-in needs, nothing administrative.
        assertThat(addIn.get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(addIn.get("/api/v1/opportunities?view=mine").status()).isEqualTo(200);
        assertThat(addIn.get("/api/v1/users/me/tokens").status()).isEqualTo(403);
        assertThat(addIn.post("/api/v1/users/me/tokens", ApiClient.json(Map.of("name", "escalate"))).status()).isEqualTo(403);
        assertThat(addIn.post("/api/v1/opportunities/assign", ApiClient.json(Map.of("ids", List.of(1), "responsibleId", samId))).status())
                .isEqualTo(403);
        assertThat(addIn.send("PROPFIND", "/dav/", null, "Depth", "0").status()).as("not a DAV key").isIn(401, 403);

        // Sam revokes it from her profile page (a CSRF-protected form); the add-in is out at once.
        HttpResponse<String> profile = dialog.get("/profile");
        assertThat(profile.body()).contains("Outlook connector", "connector");
        HttpResponse<String> revoked = dialog.postForm("/profile/tokens/" + grant.get("tokenId").asLong() + "/revoke",
                "_csrf=" + q(AddInLogin.csrf(profile.body())));
        assertThat(revoked.statusCode()).isEqualTo(302);
        Response refused = addIn.get("/api/connector/people?address=" + q(annaEmail));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(dialog.get("/profile").body()).contains("revoked");
    }

    @Test
    void aWrongVerifierSpendsTheCodeAndAnExpiredTokenIsRefused() {
        AddInLogin dialog = new AddInLogin(port);
        String code = dialog.code("thunderbird", "sam" + tag, password);
        Response wrong = exchange(code, new AddInLogin(port).verifier);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(exchange(code, dialog.verifier).status()).as("the code is spent by the wrong try").isEqualTo(400);
        assertThat(exchange("not-a-code", dialog.verifier).json().get("error").asString()).isEqualTo("invalid_grant");

        // A code older than two minutes is refused.
        AddInLogin late = new AddInLogin(port);
        String lateCode = late.code("thunderbird", "sam" + tag, password);
        jdbc.sql("UPDATE connector_code SET expires_at = ? WHERE user_id = ? AND used_at IS NULL")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), samId).update();
        assertThat(exchange(lateCode, late.verifier).json().get("error").asString()).isEqualTo("invalid_grant");

        // A token past its expiry is refused like a revoked one.
        AddInLogin third = new AddInLogin(port);
        JsonNode grant = ApiClient.anonymous(port).ok(200, exchange(third.code("thunderbird", "sam" + tag, password), third.verifier));
        ApiClient addIn = ApiClient.token(port, grant.get("token").asString());
        assertThat(addIn.get("/api/connector/people?address=" + q(annaEmail)).status()).isEqualTo(200);
        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE id = ?").params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1),
                grant.get("tokenId").asLong()).update();
        Response expired = addIn.get("/api/connector/people?address=" + q(annaEmail));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("detail").asString()).contains("expired");
    }

    @Test
    void denyingTheAddInGivesItNothingAndABadLinkIsExplained() {
        AddInLogin dialog = new AddInLogin(port);
        HttpResponse<String> denied = dialog.answer(dialog.openAndLogIn("thunderbird", "sam" + tag, password), "thunderbird", "deny");
        assertThat(AddInLogin.location(denied)).endsWith("/connect/done?error=access_denied");
        HttpResponse<String> page = dialog.get(AddInLogin.location(denied));
        assertThat(page.body()).contains("was not allowed", "You can close this window").doesNotContain("office.js");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM connector_code WHERE user_id = ?").param(samId).query(Long.class).single()).isZero();

        HttpResponse<String> bad = dialog.get("/connect/authorize?client=evolution&challenge=" + dialog.challenge);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("does not name a known add-in");
        assertThat(dialog.get("/connect/authorize?client=thunderbird&challenge=short").statusCode()).isEqualTo(400);
        // A forged Allow without the page's CSRF token is refused.
        assertThat(dialog.postForm("/connect/authorize", "client=thunderbird&challenge=" + dialog.challenge + "&decision=allow")
                .statusCode()).isEqualTo(403);
    }

    // --- CORS -----------------------------------------------------------------------------------------------

    @Test
    void onlyConfiguredOriginsGetCorsAnswers() {
        ApiClient anonymous = ApiClient.anonymous(port);
        Response preflight = anonymous.send("OPTIONS", "/api/connector/people", null, "Origin", ADDIN_ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ADDIN_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase()).contains("authorization");
        Response trailingSlashConfigured = anonymous.send("OPTIONS", "/api/connector/cases", null, "Origin",
                "https://other-addin.example.test", "Access-Control-Request-Method", "POST");
        assertThat(trailingSlashConfigured.header("Access-Control-Allow-Origin")).isEqualTo("https://other-addin.example.test");

        Response evil = anonymous.send("OPTIONS", "/api/connector/people", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
        Response notConnector = anonymous.send("OPTIONS", "/api/v1/partners", null, "Origin", ADDIN_ORIGIN,
                "Access-Control-Request-Method", "GET");
        assertThat(notConnector.header("Access-Control-Allow-Origin")).as("only the connector API").isNull();

        ApiClient addIn = samsAddIn("thunderbird");
        Response fromAddIn = addIn.send("GET", "/api/connector/people?address=" + q(annaEmail), null, "Origin", ADDIN_ORIGIN);
        assertThat(fromAddIn.status()).isEqualTo(200);
        assertThat(fromAddIn.header("Access-Control-Allow-Origin")).isEqualTo(ADDIN_ORIGIN);
        // Thunderbird's extension origin is not listed: served, without CORS headers (it needs none).
        Response fromThunderbird = addIn.send("GET", "/api/connector/people?address=" + q(annaEmail), null, "Origin",
                "moz-extension://5b1f0c7e-3d52-4a8e-9d1a-0c6f1e2b7a90");
        assertThat(fromThunderbird.status()).isEqualTo(200);
        assertThat(fromThunderbird.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void theAddInsAreDownloadedWithoutLoggingInAndTheOutlookManifestNamesThisServer() {
        ApiClient anyone = ApiClient.anonymous(port);
        // As a browser or Thunderbird asks for them: any type.
        Response xpi = anyone.send("GET", "/connectors/switchboard-thunderbird.xpi", null, "Accept", "*/*");
        assertThat(xpi.status()).isEqualTo(200);
        assertThat(xpi.contentType()).startsWith("application/x-xpinstall");
        assertThat(xpi.raw().body()).as("a zip holding the extension's manifest").startsWith("PK").contains("manifest.json");

        Response manifest = anyone.send("GET", "/connectors/outlook/manifest.xml", null, "Accept", "*/*");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.raw().body()).as("placeholders replaced by this server's address").doesNotContain("${")
                .contains("http://localhost:" + port + "/connectors/outlook/taskpane.html");
        assertThat(anyone.send("GET", "/connectors/outlook/taskpane.html", null, "Accept", "*/*").status()).isEqualTo(200);
    }
}
