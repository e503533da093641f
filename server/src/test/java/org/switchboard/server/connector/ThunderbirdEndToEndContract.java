package org.switchboard.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.dav.DavTestUsers;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.Thunderbird;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5 end to end with the real Thunderbird (Debian package, headless, a profile made of a user.js, the
 * add-on side-loaded from the .xpi the server serves), driven over Marionette (ADR 0016):
 * its CardDAV address book syncs the CRM's partners, a card edited and a card created in Thunderbird change
 * and create partners, a CRM edit reaches Thunderbird at the next sync; the add-on logs in from its options
 * page through the server's login window (ADR 0009), and its popup, clicked on a message imported into a
 * local folder, makes an opportunity with that message in its history.
 * Skipped without Thunderbird unless SWITCHBOARD_TEST_THUNDERBIRD=required (CI). About 30 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ThunderbirdEndToEndContract {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void thunderbirdSyncsTheCrmAddressBookBothWaysAndItsAddOnMakesAnOpportunityFromAnImportedMessage() throws Exception {
        Thunderbird.require();
        String tag = "tb" + System.nanoTime() % 100000;
        ApiClient admin = ApiClient.admin(port);
        String user = DavTestUsers.create(port, tag, "Tina " + tag, "#3465a4");
        ApiClient tina = ApiClient.basic(port, user, DavTestUsers.password(user));
        long birdhouse = tina.ok(201, tina.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Birdhouse " + tag))))
                .get("id").asLong();
        String berthaEmail = "bertha." + tag + "@birdhouse.example";
        long bertha = tina.ok(201, tina.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Bertha Feather " + tag,
                "companyId", birdhouse, "emails", List.of(berthaEmail), "phone", "+49 30 1234")))).get("id").asLong();

        String server = "http://localhost:" + port;
        Map<String, Object> prefs = new HashMap<>(ThunderbirdUser.carddavBook(server + "/dav/" + user + "/crm-contacts/", user));
        prefs.putAll(ThunderbirdUser.NO_PERMISSION_PROMPT);
        Thunderbird thunderbird = Thunderbird.start("thunderbird-e2e", prefs);
        boolean passed = false;
        try {
            ThunderbirdUser tb = new ThunderbirdUser(thunderbird);

            // (a) the CRM's partners arrive as cards
            tb.rememberPassword(server, user, DavTestUsers.password(user));
            JsonNode cards = tb.syncAddressBook();
            String berthaUid = uidOf(cards, "Bertha Feather " + tag);
            assertThat(berthaUid).startsWith("switchboard-partner-" + bertha + "@");
            assertThat(cards.get(berthaUid).asString()).contains(berthaEmail, "Birdhouse " + tag);
            assertThat(uidOf(cards, "Birdhouse " + tag)).startsWith("switchboard-partner-" + birdhouse + "@");

            // (b) an edit in Thunderbird changes the partner, with a history entry naming Thunderbird
            tb.editCard(berthaUid, Map.of("title", "Head of nests", "note", "edited in Thunderbird"));
            JsonNode edited = until("Bertha's job title from Thunderbird", () -> tina.ok(200, tina.get("/api/v1/partners/" + bertha)),
                    p -> "Head of nests".equals(p.path("jobTitle").asString(null)));
            assertThat(edited.get("notes").asString()).isEqualTo("edited in Thunderbird");
            assertThat(edited.get("phone").asString()).isEqualTo("+49 30 1234");
            assertThat(tina.ok(200, tina.get("/api/v1/partners/" + bertha + "/events")).get("items").get(0).get("summary").asString())
                    .isEqualTo("Changed from Thunderbird");

            // a card made in Thunderbird becomes a contact of the company its ORG names
            String carlEmail = "carl." + tag + "@birdhouse.example";
            tb.addCard("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Carl Nest " + tag + "\r\nN:Nest;Carl;;;\r\nEMAIL:" + carlEmail
                    + "\r\nORG:Birdhouse " + tag + "\r\nEND:VCARD\r\n");
            JsonNode contacts = until("Carl as a contact of Birdhouse", () -> tina.ok(200, tina.get("/api/v1/partners/" + birdhouse + "/contacts")),
                    c -> c.toString().contains(carlEmail));
            assertThat(contacts.toString()).contains("Carl Nest " + tag);

            // a CRM edit reaches Thunderbird at its next sync
            tina.ok(200, tina.patch("/api/v1/partners/" + bertha, "{\"phone\":\"+49 30 9999\"}", "\"" + edited.get("version").asInt() + "\""));
            String berthaCard = tb.syncAddressBook().get(berthaUid).asString();
            assertThat(berthaCard).contains("+49 30 9999", "Head of nests", "edited in Thunderbird").doesNotContain("+49 30 1234");

            // (c) a message imported into a local folder, opened, Switchboard button → Create opportunity
            String messageId = "nestboxes-" + tag + "@birdhouse.example";
            String subject = "40 nest boxes for spring " + tag;
            Path eml = Files.createTempFile("nestboxes", ".eml");
            eml.toFile().deleteOnExit();
            Files.write(eml, Eml.plain("Bertha Feather <" + berthaEmail + ">", "Tina <" + user + "@example.com>", subject, messageId, null,
                    "Hello Tina,\nwe would like 40 nest boxes before March.\nBertha"));
            assertThat(tb.importMessage(eml, "Customers")).isEqualTo(messageId);
            // the add-on's login: options page, the server's login form and Allow in the window it opens
            String login = tb.logInFromOptionsPage(server, user, DavTestUsers.password(user));
            assertThat(login).contains("Allow Thunderbird to access Switchboard as Tina " + tag, "Logged in as Tina " + tag + ".");
            JsonNode tokens = tina.ok(200, tina.get("/api/v1/users/me/tokens"));
            assertThat(tokens.toString()).contains("\"name\":\"Thunderbird connector\"", "\"scope\":\"connector\"");
            JsonNode outcome = tb.createCaseFromMessage("Customers", messageId, "opportunity");
            assertThat(outcome.get("kind").asString()).as(outcome.toString()).isEqualTo("ok");
            assertThat(outcome.get("text").asString()).isEqualTo("Created \"" + subject + "\".");
            assertThat(outcome.get("people").toString()).contains("Bertha Feather " + tag + " · Birdhouse " + tag);

            JsonNode opportunity = tina.ok(200, tina.get("/api/v1/opportunities?partnerId=" + birdhouse)).get("items").get(0);
            assertThat(opportunity.get("name").asString()).isEqualTo(subject);
            assertThat(opportunity.get("type").asString()).isEqualTo("OPPORTUNITY");
            assertThat(opportunity.get("contactId").asLong()).isEqualTo(bertha);
            assertThat(opportunity.get("partnerId").asLong()).isEqualTo(birdhouse);
            assertThat(opportunity.get("responsibleName").asString()).isEqualTo("Tina " + tag);
            JsonNode history = tina.ok(200, tina.get("/api/v1/opportunities/" + opportunity.get("id").asLong() + "/history")).get("items");
            JsonNode email = null;
            for (JsonNode entry : history) {
                if ("EMAIL_IN".equals(entry.get("kind").asString())) {
                    email = entry;
                }
            }
            assertThat(email).as(history.toString()).isNotNull();
            assertThat(email.get("summary").asString()).isEqualTo("Email from Bertha Feather <" + berthaEmail + ">: " + subject);
            assertThat(email.get("body").asString()).contains("we would like 40 nest boxes before March.");
            passed = true;
        } finally {
            if (!passed) {
                System.err.println("Thunderbird's output ended with:\n" + thunderbird.logTail());
            }
            thunderbird.stop("thunderbird-e2e");
        }
    }

    /** The UID of the card whose FN is {@code name}. */
    private static String uidOf(JsonNode cards, String name) {
        for (Map.Entry<String, JsonNode> card : cards.properties()) {
            if (card.getValue().asString().contains("FN:" + name + "\r\n")) {
                return card.getKey();
            }
        }
        throw new AssertionError("no card named " + name + " in " + cards);
    }

    /** Polls until {@code done} holds, at most {@link #WAIT}: Thunderbird sends its PUTs after addCard/modifyCard return. */
    private static JsonNode until(String what, Supplier<JsonNode> read, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what + "; last: " + last);
            }
            Thread.sleep(200);
            last = read.get();
        }
        return last;
    }
}
