package org.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.testing.Eventually.eventually;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.SalesTeam;
import org.switchboard.server.testing.SmtpClient;
import tools.jackson.databind.JsonNode;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The mail gateway wired into the CRM, through real SMTP sessions and the REST API; GreenMail is the relay.
 * Runs on H2 and on PostgreSQL (subclasses). Each test builds its own team, alias and customer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.mail.enabled=true",
        "switchboard.mail.smtp.host=127.0.0.1",
        "switchboard.mail.smtp.port=0",
        "switchboard.mail.hostname=crm.test",
        "switchboard.mail.reply-token-secret=test-secret-test-secret-test-secret-0123",
        "switchboard.mail.route-every=100ms",
        "switchboard.mail.send-every=100ms",
        "switchboard.mail.poll-every=200ms" })
abstract class MailGatewayContract {
    /** The SMTP relay, and the IMAP server of the polled mailbox. */
    static final GreenMail RELAY = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
    private static int sequence;

    static {
        RELAY.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    MailGateway gateway;

    @Autowired
    MailSettings settings;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    ApiClient admin;
    ApiClient sam;
    String tag;
    String alias;
    long teamId;

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        registry.add("switchboard.mail.relay.host", () -> "127.0.0.1");
        registry.add("switchboard.mail.relay.port", () -> RELAY.getSmtp().getPort());
        // A mailbox per application context: the H2 and PostgreSQL contexts stay cached side by side and
        // both poll, so they must not share one.
        String user = "inbox" + java.util.UUID.randomUUID().toString().substring(0, 8);
        RELAY.setUser(user + "@mailhost.test", user, "secret");
        // A list binds from one property source only: every key of the entry goes here.
        registry.add("switchboard.mail.mailboxes[0].protocol", () -> "IMAP");
        registry.add("switchboard.mail.mailboxes[0].host", () -> "127.0.0.1");
        registry.add("switchboard.mail.mailboxes[0].port", () -> RELAY.getImap().getPort());
        registry.add("switchboard.mail.mailboxes[0].username", () -> user);
        registry.add("switchboard.mail.mailboxes[0].password", () -> "secret");
        registry.add("switchboard.mail.mailboxes[0].deliver-to", () -> "polled@crm.test");
        registry.add("switchboard.mail.mailboxes[0].after-fetch", () -> "MARK_SEEN");
    }

    @AfterAll
    static void stopRelay() {
        RELAY.reset();
    }

    @BeforeEach
    void organisation() {
        tag = "m" + (++sequence) + System.nanoTime() % 100000;
        SalesTeam team = SalesTeam.create(port, tag, "Mail " + tag);
        admin = team.admin();
        sam = team.sam();
        teamId = team.teamId();
        alias = "sales-" + tag + "@crm.test";
        admin.ok(201, admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", alias, "teamId", teamId, "caseType", "LEAD",
                "reopenClosed", true))));
    }

    @Test
    void mailBecomesALeadTheSalespersonAnswersAndBothRepliesLandOnTheCase() throws Exception {
        long acme = admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Acme " + tag))))
                .get("id").asLong();
        String customer = "anna." + tag + "@acme.example";
        long anna = admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Anna Smith",
                "companyId", acme, "emails", List.of(customer))))).get("id").asLong();

        String first = "first-" + tag + "@acme.example";
        assertThat(smtp(customer, alias, message(customer, alias, first, "Forty chairs", null, "We need forty chairs by May.")))
                .startsWith("250");
        long caseId = decisionOf(first, "NEW_CASE").get("caseId").asLong();
        JsonNode lead = sam.ok(200, sam.get("/api/v1/opportunities/" + caseId));
        assertThat(lead.get("type").asString()).isEqualTo("LEAD");
        assertThat(lead.get("name").asString()).isEqualTo("Forty chairs");
        assertThat(lead.get("teamId").asLong()).isEqualTo(teamId);
        assertThat(lead.get("partnerId").asLong()).isEqualTo(acme);
        assertThat(lead.get("contactId").asLong()).isEqualTo(anna);
        assertThat(lead.get("description").asString()).contains("forty chairs");

        JsonNode queued = sam.ok(201, sam.post("/api/v1/opportunities/" + caseId + "/emails", ApiClient.json(Map.of("to", List.of(customer),
                "subject", "Re: Forty chairs", "body", "Dear Anna, here is our offer."))));
        String ours = queued.get("messageId").asString();
        MimeMessage sent = received("Re: Forty chairs");
        assertThat(sent.getMessageID()).isEqualTo("<" + ours + ">");
        assertThat(sent.getHeader("In-Reply-To")[0]).isEqualTo("<" + first + ">");
        assertThat(sent.getHeader("References")[0]).contains("<" + first + ">");
        String replyTo = ((jakarta.mail.internet.InternetAddress) sent.getReplyTo()[0]).getAddress();
        assertThat(replyTo).startsWith("sales-" + tag + "+c" + caseId + "-").endsWith("@crm.test");
        assertThat(sent.getHeader("Auto-Submitted")).isNull();

        String byToken = "second-" + tag + "@acme.example";
        assertThat(smtp(customer, replyTo, message(customer, replyTo, byToken, "Re: Re: Forty chairs", null, "Thanks, signed."))).startsWith("250");
        assertThat(decisionOf(byToken, "REPLY").get("caseId").asLong()).isEqualTo(caseId);

        String byThread = "third-" + tag + "@acme.example";
        assertThat(smtp(customer, alias, message(customer, alias, byThread, "one more thing", ours, "Blue ones, please."))).startsWith("250");
        assertThat(decisionOf(byThread, "REPLY").get("caseId").asLong()).isEqualTo(caseId);

        JsonNode history = sam.ok(200, sam.get("/api/v1/opportunities/" + caseId + "/history")).get("items");
        assertThat(kinds(history)).filteredOn("EMAIL_IN"::equals).hasSize(3);
        assertThat(kinds(history)).contains("CREATED", "EMAIL_OUT");
        assertThat(history.toString()).contains("forty chairs", "here is our offer", "Thanks, signed.", "Blue ones");
        JsonNode events = admin.ok(200, admin.get("/api/v1/partners/" + acme + "/events")).get("items");
        assertThat(kinds(events)).filteredOn("EMAIL_IN"::equals).hasSize(3);
        assertThat(kinds(events)).contains("EMAIL_OUT");
        assertThat(kinds(admin.ok(200, admin.get("/api/v1/partners/" + anna + "/events")).get("items"))).contains("EMAIL_IN", "EMAIL_OUT");
    }

    @Test
    void anUnknownSenderMakesALeadCarryingNameAndAddress() throws Exception {
        String stranger = "bob." + tag + "@nowhere.example";
        String id = "stranger-" + tag + "@nowhere.example";
        assertThat(smtp(stranger, alias, message("Bob Stranger <" + stranger + ">", alias, id, "Price list?", null, "Send prices")))
                .startsWith("250");
        JsonNode lead = sam.ok(200, sam.get("/api/v1/opportunities/" + decisionOf(id, "NEW_CASE").get("caseId").asLong()));
        assertThat(lead.get("partnerId")).isNull();
        assertThat(lead.get("contactName").asString()).isEqualTo("Bob Stranger");
        assertThat(lead.get("email").asString()).isEqualTo(stranger);
    }

    @Test
    void theMessageAndItsAttachmentsAreReadBackFromTheCase() throws Exception {
        String sender = "olga." + tag + "@supplier.example";
        String id = "files-" + tag + "@supplier.example";
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 offer".getBytes(StandardCharsets.US_ASCII));
        String raw = "From: Olga <" + sender + ">\r\nTo: " + alias + "\r\nSubject: =?UTF-8?Q?Offre_=C3=A9t=C3=A9?=\r\nMessage-ID: <" + id + ">\r\n"
                + "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOur offer attached.\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=offer.pdf\r\nContent-Disposition: attachment; filename=offer.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + pdf + "\r\n"
                + "--b1\r\nContent-Type: text/html; name=page.html\r\nContent-Disposition: attachment; filename=page.html\r\n\r\n"
                + "<script>alert(1)</script>\r\n--b1--\r\n";
        assertThat(smtp(sender, alias, raw)).startsWith("250");
        long caseId = decisionOf(id, "NEW_CASE").get("caseId").asLong();

        JsonNode messages = sam.ok(200, sam.get("/api/v1/opportunities/" + caseId + "/messages"));
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.get("subject").asString()).isEqualTo("Offre été");
        assertThat(m.get("attachments")).extracting(a -> a.get("filename").asString()).containsExactly("offer.pdf", "page.html");
        String base = "/api/v1/opportunities/" + caseId + "/messages/" + m.get("id").asLong();

        ApiClient.Response original = sam.get(base + "/raw");
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("Content-Type")).startsWith("message/rfc822");
        assertThat(original.raw().body()).as("as received, under our Received line").startsWith("Received: ").contains(raw);

        ApiClient.Response offer = sam.get(base + "/attachments/" + m.get("attachments").get(0).get("position").asInt());
        assertThat(offer.raw().body()).isEqualTo("%PDF-1.4 offer");
        assertThat(offer.header("Content-Disposition")).startsWith("attachment").contains("offer.pdf");
        ApiClient.Response page = sam.get(base + "/attachments/" + m.get("attachments").get(1).get("position").asInt());
        assertThat(page.header("Content-Disposition")).as("never rendered in our origin").startsWith("attachment");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");

        // another case's id with this message: not found
        long other = sam.ok(201, sam.post("/api/v1/opportunities", ApiClient.json(Map.of("type", "LEAD", "name", "Other " + tag))))
                .get("id").asLong();
        assertThat(sam.get("/api/v1/opportunities/" + other + "/messages/" + m.get("id").asLong() + "/raw").status()).isEqualTo(404);
        assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + other + "/messages"))).isEmpty();
    }

    @Test
    void anUnknownRecipientIsRefusedAtRcpt() throws Exception {
        assertThat(smtp("x@client.example", "nobody-" + tag + "@crm.test", message("x@client.example", "nobody@crm.test", "u-" + tag + "@x",
                "hi", null, "hi"))).startsWith("550");
    }

    @Test
    void anAliasIsChangedThenDeletedAndWhatCameThroughItStays() throws Exception {
        String customer = "carl." + tag + "@client.example";
        String before = "before-" + tag + "@client.example";
        assertThat(smtp(customer, alias, message(customer, alias, before, "Chairs", null, "Forty chairs, please."))).startsWith("250");
        long lead = decisionOf(before, "NEW_CASE").get("caseId").asLong();
        long aliasId = aliasId(alias);

        JsonNode changed = admin.ok(200, put("/api/v1/mail/aliases/" + aliasId, Map.of("address", alias, "teamId", teamId, "caseType", "OPPORTUNITY")));
        assertThat(changed.get("caseType").asString()).isEqualTo("OPPORTUNITY");
        String after = "after-" + tag + "@client.example";
        String another = "dora." + tag + "@client.example";
        assertThat(smtp(another, alias, message(another, alias, after, "Tables", null, "Ten tables, please."))).startsWith("250");
        long opportunity = decisionOf(after, "NEW_CASE").get("caseId").asLong();
        assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + opportunity)).get("type").asString()).isEqualTo("OPPORTUNITY");
        // another alias's address is taken
        String other = "other-" + tag + "@crm.test";
        admin.ok(201, admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", other, "teamId", teamId))));
        assertThat(put("/api/v1/mail/aliases/" + aliasId, Map.of("address", other, "teamId", teamId)).status()).isEqualTo(409);

        assertThat(admin.delete("/api/v1/mail/aliases/" + aliasId).status()).isEqualTo(204);
        assertThat(admin.ok(200, admin.get("/api/v1/mail/aliases")).toString()).doesNotContain("\"" + alias + "\"").contains(other);
        // what came through it stays: both cases, each with its message
        for (long caseId : List.of(lead, opportunity)) {
            assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + caseId)).get("teamId").asLong()).isEqualTo(teamId);
            assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + caseId + "/messages"))).hasSize(1);
        }
        // new mail to it is refused like mail to any unknown address
        assertThat(smtp(customer, alias, message(customer, alias, "gone-" + tag + "@client.example", "More", null, "Hello?"))).startsWith("550");
        assertThat(admin.delete("/api/v1/mail/aliases/" + aliasId).status()).isEqualTo(404);
        assertThat(put("/api/v1/mail/aliases/" + aliasId, Map.of("address", alias)).status()).isEqualTo(404);
    }

    private ApiClient.Response put(String path, Map<String, Object> body) {
        return admin.send("PUT", path, ApiClient.json(body).getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
    }

    private long aliasId(String address) {
        for (JsonNode a : admin.ok(200, admin.get("/api/v1/mail/aliases"))) {
            if (address.equals(a.get("address").asString())) {
                return a.get("id").asLong();
            }
        }
        throw new AssertionError("no alias " + address);
    }

    @Test
    void anAutoReplyIsDroppedNotACase() throws Exception {
        String id = "auto-" + tag + "@client.example";
        String raw = "Auto-Submitted: auto-replied\r\n" + message("away@client.example", alias, id, "Out of office", null, "I am away");
        assertThat(smtp("away@client.example", alias, raw)).startsWith("250");
        JsonNode decision = decisionOf(id, "DROPPED");
        assertThat(decision.get("caseId")).isNull();
    }

    @Test
    void aDsnBounceLinksToTheOutgoingMessageAndNotesTheCase() throws Exception {
        String customer = "carl." + tag + "@client.example";
        String first = "b1-" + tag + "@client.example";
        smtp(customer, alias, message(customer, alias, first, "Question", null, "Hello"));
        long caseId = decisionOf(first, "NEW_CASE").get("caseId").asLong();
        JsonNode queued = sam.ok(201, sam.post("/api/v1/opportunities/" + caseId + "/emails", ApiClient.json(Map.of("to",
                List.of("gone." + tag + "@client.example"), "subject", "Answer " + tag, "body", "Here you are"))));
        String ours = queued.get("messageId").asString();
        String dsnId = "dsn-" + tag + "@mx.client.example";
        String dsn = "From: MAILER-DAEMON@mx.client.example\r\nTo: " + alias + "\r\nMessage-ID: <" + dsnId + ">\r\nSubject: Undelivered\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.client.example\r\n\r\n"
                + "Final-Recipient: rfc822; gone." + tag + "@client.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <" + ours + ">\r\n\r\n--r--\r\n";
        assertThat(smtp("", alias, dsn)).startsWith("250");
        JsonNode decision = decisionOf(dsnId, "BOUNCE");
        assertThat(decision.get("outboxId").asLong()).isEqualTo(queued.get("id").asLong());
        assertThat(decision.get("caseId").asLong()).isEqualTo(caseId);
        JsonNode history = sam.ok(200, sam.get("/api/v1/opportunities/" + caseId + "/history")).get("items");
        assertThat(history.toString()).contains("Bounce: gone." + tag + "@client.example");
    }

    @Test
    void aRedeliveredMessageIsStoredAndRoutedOnce() throws Exception {
        String customer = "dora." + tag + "@client.example";
        String id = "again-" + tag + "@client.example";
        String raw = message(customer, alias, id, "Twice", null, "Same bytes");
        assertThat(smtp(customer, alias, raw)).startsWith("250");
        decisionOf(id, "NEW_CASE");
        assertThat(smtp(customer, alias, raw)).startsWith("250").containsIgnoringCase("already");
        Thread.sleep(500);
        JsonNode all = admin.ok(200, admin.get("/api/v1/mail/decisions?limit=1000"));
        List<JsonNode> mine = new ArrayList<>();
        all.forEach(d -> {
            if (id.equals(d.path("messageId").asString(null))) {
                mine.add(d);
            }
        });
        assertThat(mine).hasSize(1);
    }

    @Test
    void concurrentSessionsAllGet250AndEachMessageIsStoredOnce() throws Exception {
        int sessions = 8;
        int perSession = 15;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        List<java.util.concurrent.Future<List<String>>> replies = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int session = s;
            replies.add(pool.submit(() -> {
                List<String> mine = new ArrayList<>();
                try (SmtpClient client = new SmtpClient("127.0.0.1", gateway.smtpPort())) {
                    for (int i = 0; i < perSession; i++) {
                        String customer = "group" + session + "." + i + "." + tag + "@client.example";
                        mine.add(client.send(customer, alias, message(customer, alias, "group-" + session + "-" + i + "-" + tag + "@client.example",
                                "Group " + i, null, "Hello")));
                    }
                }
                return mine;
            }));
        }
        List<String> all = new ArrayList<>();
        for (java.util.concurrent.Future<List<String>> r : replies) {
            all.addAll(r.get(120, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(all).hasSize(sessions * perSession).allSatisfy(reply -> assertThat(reply).startsWith("250").contains("accepted as"));
        assertThat(all.stream().map(reply -> reply.substring(reply.lastIndexOf(' ') + 1)).distinct()).hasSize(sessions * perSession);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE message_id LIKE ?").param("group-%-" + tag + "@client.example")
                .query(Long.class).single()).isEqualTo(sessions * perSession);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT message_id) FROM inbound_message WHERE message_id LIKE ?")
                .param("group-%-" + tag + "@client.example").query(Long.class).single()).isEqualTo(sessions * perSession);
        decisionOf("group-7-" + (perSession - 1) + "-" + tag + "@client.example", "NEW_CASE");
    }

    @Test
    void aDeadLetterIsReplayedAfterTheFix() throws Exception {
        String domain = "late" + tag + ".test";
        admin.ok(201, admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", "@" + domain, "catchAll", true, "teamId", teamId))));
        String id = "dead-" + tag + "@client.example";
        assertThat(smtp("eve@client.example", "anyone@" + domain, message("eve@client.example", "anyone@" + domain, id, "Hi", null,
                "Hello"))).startsWith("250");
        assertThat(decisionOf(id, "NEW_CASE").get("caseId").isNumber()).isTrue();
        assertThat(sam.post("/api/v1/mail/dead-letters/1/replay", "{}").status()).isEqualTo(403);
        assertThat(admin.post("/api/v1/mail/dead-letters/" + decisionOf(id, "NEW_CASE").get("inboundId").asLong() + "/replay", "{}")
                .status()).isEqualTo(404);
    }

    @Test
    void mailInAPolledMailboxGoesToItsAlias() throws Exception {
        admin.ok(201, admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", "polled@crm.test", "teamId", teamId))));
        String user = settings.mailboxes().get(0).username();
        String id = "polled-" + tag + "@client.example";
        RELAY.getUserManager().getUser(user).deliver(GreenMailUtil.newMimeMessage(
                message("fay." + tag + "@client.example", user + "@mailhost.test", id, "Via IMAP", null, "Fetched, not pushed")));
        JsonNode decision = eventually(() -> {
            for (JsonNode d : admin.ok(200, admin.get("/api/v1/mail/decisions?limit=1000"))) {
                if ("polled@crm.test".equals(d.path("recipients").asString(null))) {
                    return d;
                }
            }
            return null;
        });
        assertThat(decision.get("kind").asString()).isEqualTo("NEW_CASE");
        JsonNode lead = sam.ok(200, sam.get("/api/v1/opportunities/" + decision.get("caseId").asLong()));
        assertThat(lead.get("name").asString()).isEqualTo("Via IMAP");
        assertThat(lead.get("email").asString()).isEqualTo("fay." + tag + "@client.example");
    }

    @Test
    void aMessageLeftSendingPastItsLeaseIsSentAgainWithItsMessageIdAndAFreshClaimIsLeftAlone() throws Exception {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        long stuck = outboxRow("Stuck " + tag, now.minusHours(1), 0);
        long fresh = outboxRow("Fresh " + tag, now, 0);
        long poisoned = outboxRow("Poisoned " + tag, now.minusHours(1), 3);

        MimeMessage sent = received("Stuck " + tag);
        assertThat(sent.getMessageID()).isEqualTo("<outbox-" + stuck + "@crm.test>");
        Map<String, Object> row = eventually(() -> {
            Map<String, Object> r = outboxState(stuck);
            return "SENT".equals(r.get("state")) ? r : null;
        });
        assertThat(((Number) row.get("lease_expiries")).intValue()).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("sent again with the same Message-ID");
        assertThat(eventually(() -> "FAILED".equals(outboxState(poisoned).get("state")) ? outboxState(poisoned) : null).get("last_error"))
                .asString().contains("stopped 4 times");

        Thread.sleep(1500); // fifteen sender ticks
        assertThat(outboxState(fresh).get("state")).isEqualTo("SENDING");
        assertThat(RELAY.getReceivedMessages()).noneMatch(m -> subjectIs(m, "Fresh " + tag) || subjectIs(m, "Poisoned " + tag));
        assertThat(RELAY.getReceivedMessages()).filteredOn(m -> subjectIs(m, "Stuck " + tag)).hasSize(1);
    }

    /** An outbox row as a node leaves it when it claimed the row at {@code claimedAt} and then stopped. */
    private long outboxRow(String subject, java.time.OffsetDateTime claimedAt, int leaseExpiries) {
        org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO outbox_message (state, from_address, to_addresses, subject, body_text, message_id, retry_at, claimed_at,
                    lease_expiries)
                VALUES ('SENDING', ?, ?, ?, 'body', 'pending', ?, ?, ?)""")
                .params(alias, "kim." + tag + "@client.example", subject, claimedAt, claimedAt, leaseExpiries).update(keys, "id");
        long id = keys.getKey().longValue();
        jdbc.sql("UPDATE outbox_message SET message_id = ? WHERE id = ?").params("outbox-" + id + "@crm.test", id).update();
        return id;
    }

    private Map<String, Object> outboxState(long id) {
        return jdbc.sql("SELECT state, lease_expiries, last_error FROM outbox_message WHERE id = ?").param(id).query().singleRow();
    }

    private static boolean subjectIs(MimeMessage m, String subject) {
        try {
            return subject.equals(m.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAliasThatLinksByDomainGivesAnUnknownSenderTheCompanyOfItsDomainButNeverForPublicMail() throws Exception {
        String byDomain = "domain-" + tag + "@crm.test";
        admin.ok(201, admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", byDomain, "teamId", teamId,
                "partnerByDomain", true))));
        String globex = "globex-" + tag + ".example";
        long globexId = company("Globex " + tag, Map.of("website", "https://www." + globex + "/en"));
        String initech = "initech-" + tag + ".example";
        long initechId = company("Initech " + tag, Map.of());
        admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Peter " + tag, "companyId", initechId,
                "emails", List.of("peter@" + initech)))));
        String shared = "shared-" + tag + ".example";
        company("Shared One " + tag, Map.of("website", shared));
        company("Shared Two " + tag, Map.of("emails", List.of("info@" + shared)));
        company("Free mail " + tag, Map.of("emails", List.of("info-" + tag + "@gmail.com")));

        assertThat(leadFrom("zed@" + globex, byDomain).get("partnerId").asLong()).as("by website").isEqualTo(globexId);
        JsonNode byPeople = leadFrom("quinn@" + initech, byDomain);
        assertThat(byPeople.get("partnerId").asLong()).as("by a person's address").isEqualTo(initechId);
        assertThat(byPeople.get("contactId")).isNull();
        assertThat(byPeople.get("email").asString()).isEqualTo("quinn@" + initech);
        assertThat(leadFrom("ann@" + shared, byDomain).get("partnerId")).as("two companies claim it").isNull();
        assertThat(leadFrom("someone-" + tag + "@gmail.com", byDomain).get("partnerId")).as("public mail domain").isNull();
        assertThat(leadFrom("zoe@" + globex, alias).get("partnerId")).as("the alias does not ask, nor does the setting").isNull();
    }

    private long company(String name, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("kind", "COMPANY");
        body.put("name", name);
        return admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(body))).get("id").asLong();
    }

    /** Mails the alias from this address and returns the lead it became. */
    private JsonNode leadFrom(String sender, String to) throws Exception {
        String id = "lead-" + java.util.UUID.randomUUID() + "@client.example";
        assertThat(smtp(sender, to, message(sender, to, id, "From " + sender, null, "Hello"))).startsWith("250");
        return sam.ok(200, sam.get("/api/v1/opportunities/" + decisionOf(id, "NEW_CASE").get("caseId").asLong()));
    }

    String smtp(String from, String to, String raw) throws Exception {
        try (SmtpClient client = new SmtpClient("127.0.0.1", gateway.smtpPort())) {
            return client.send(from, to, raw);
        }
    }

    static String message(String from, String to, String messageId, String subject, String inReplyTo, String body) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + messageId + ">\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\n")
                + "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    }

    /** Waits until the message has been routed, and checks how. */
    JsonNode decisionOf(String messageId, String kind) {
        JsonNode found = eventually(() -> {
            for (JsonNode d : admin.ok(200, admin.get("/api/v1/mail/decisions?limit=1000"))) {
                if (messageId.equals(d.path("messageId").asString(null))) {
                    return d;
                }
            }
            return null;
        });
        assertThat(found.get("kind").asString()).as(found.toString()).isEqualTo(kind);
        return found;
    }

    /** The message the relay received with this subject (the relay is shared: other tests' mail is there too). */
    MimeMessage received(String subject) {
        return eventually(() -> {
            for (MimeMessage m : RELAY.getReceivedMessages()) {
                try {
                    if (subject.equals(m.getSubject())) {
                        return m;
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new AssertionError(e);
                }
            }
            return null;
        });
    }

    static List<String> kinds(JsonNode entries) {
        List<String> kinds = new ArrayList<>();
        entries.forEach(e -> kinds.add(e.get("kind").asString()));
        return kinds;
    }
}
