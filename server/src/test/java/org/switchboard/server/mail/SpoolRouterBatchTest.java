package org.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.mail.InboundProcessor;
import org.switchboard.mail.parse.MessageParser;
import org.switchboard.mail.route.MailRouter;
import org.switchboard.mail.route.ReplyToken;
import org.switchboard.mail.route.SenderRateLimit;
import org.switchboard.mail.spi.memory.InMemoryMailDirectory;
import org.switchboard.server.testing.TestDatabases;

/**
 * Routing in batches (ADR 0010): a message that fails rolls its batch back; the batch is redone one message
 * per transaction, so the others are routed and only the failing one waits for its retry. The gateway is off
 * here, so nothing but the test routes. The messages are auto-replies: the router drops them (state ROUTED).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpoolRouterBatchTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    SpoolRouter router;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatabaseMailDirectory directory;

    @Autowired
    CaseMailSink sink;

    @Autowired
    MailAliases aliases;

    @Test
    void aFailingMessageRollsItsBatchBackAndOnlyItWaitsForARetry() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(spool(tag + "-" + i));
        }
        long failing = ids.get(2);
        InboundProcessor processor = new InboundProcessor(new MessageParser(),
                new MailRouter(new InMemoryMailDirectory(), new ReplyToken(new byte[32]), SenderRateLimit.odooDefault()), (spoolId, decision) -> {
                    if (spoolId.equals(Long.toString(failing))) {
                        throw new IllegalStateException("directory away");
                    }
                    jdbc.sql("INSERT INTO routing_decision (inbound_id, kind, summary) VALUES (?, 'DROPPED', 'test')")
                            .param(Long.parseLong(spoolId)).update();
                });

        int handled = router.routeDue(processor, 100, 50);

        assertThat(handled).isEqualTo(5);
        for (long id : ids) {
            String state = jdbc.sql("SELECT state FROM inbound_message WHERE id = ?").param(id).query(String.class).single();
            long decisions = jdbc.sql("SELECT COUNT(*) FROM routing_decision WHERE inbound_id = ?").param(id).query(Long.class).single();
            if (id == failing) {
                assertThat(state).isEqualTo("RECEIVED");
                assertThat(decisions).as("the failed batch's work was rolled back").isZero();
                assertThat(jdbc.sql("SELECT last_error FROM inbound_message WHERE id = ?").param(id).query(String.class).single())
                        .contains("directory away");
                assertThat(jdbc.sql("SELECT next_attempt_at FROM inbound_message WHERE id = ?").param(id).query(OffsetDateTime.class).single())
                        .isAfter(OffsetDateTime.now(ZoneOffset.UTC));
            } else {
                assertThat(state).isEqualTo("ROUTED");
                assertThat(decisions).as("routed exactly once").isEqualTo(1);
            }
        }
    }

    @Test
    void aBatchOfGoodMessagesIsRoutedInOneGo() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(spool(tag + "-ok-" + i));
        }
        InboundProcessor processor = new InboundProcessor(new MessageParser(),
                new MailRouter(new InMemoryMailDirectory(), new ReplyToken(new byte[32]), SenderRateLimit.odooDefault()),
                (spoolId, decision) -> jdbc.sql("INSERT INTO routing_decision (inbound_id, kind, summary) VALUES (?, 'DROPPED', 'test')")
                        .param(Long.parseLong(spoolId)).update());
        assertThat(router.routeDue(processor, 100, 3)).isEqualTo(7);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_message WHERE state = 'ROUTED' AND message_id LIKE ?").param(tag + "-ok-%")
                .query(Long.class).single()).isEqualTo(7);
    }

    /**
     * The decisions and EMAIL_IN entries of a batch are written together at its end (RoutingRows); the Message-IDs
     * are not, so a reply routed in the same batch as the message that made the lead still lands on that lead.
     */
    @Test
    void aReplyRoutedInTheSameBatchAsItsLeadLandsOnTheLeadWithBothMessagesInItsHistory() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String alias = "sales-" + tag + "@crm.test";
        jdbc.sql("INSERT INTO team (name) VALUES (?)").param("Batch " + tag).update();
        long team = jdbc.sql("SELECT id FROM team WHERE name = ?").param("Batch " + tag).query(Long.class).single();
        aliases.insert(alias, team, "LEAD", false, false, null);
        directory.aliasesChanged();
        long first = spool(tag + "-1", "From: Anna <anna-" + tag + "@client.example>\r\nTo: " + alias + "\r\nSubject: Forty chairs " + tag
                + "\r\nMessage-ID: <" + tag + "-1>\r\n\r\nWe need forty chairs.\r\n", alias);
        long reply = spool(tag + "-2", "From: Anna <anna-" + tag + "@client.example>\r\nTo: " + alias + "\r\nSubject: Re: Forty chairs " + tag
                + "\r\nMessage-ID: <" + tag + "-2>\r\nIn-Reply-To: <" + tag + "-1>\r\n\r\nMake it fifty.\r\n", alias);
        InboundProcessor processor = new InboundProcessor(new MessageParser(),
                new MailRouter(directory, new ReplyToken(new byte[32]), SenderRateLimit.odooDefault()), sink);

        assertThat(router.routeDue(processor, 100, 50)).isGreaterThanOrEqualTo(2);

        long lead = jdbc.sql("SELECT case_id FROM routing_decision WHERE inbound_id = ? AND kind = 'NEW_CASE'").param(first).query(Long.class).single();
        assertThat(jdbc.sql("SELECT kind FROM routing_decision WHERE inbound_id = ?").param(reply).query(String.class).single()).isEqualTo("REPLY");
        assertThat(jdbc.sql("SELECT case_id FROM routing_decision WHERE inbound_id = ?").param(reply).query(Long.class).single()).isEqualTo(lead);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM crm_case WHERE team_id = ?").param(team).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT kind || ': ' || summary FROM history_entry WHERE case_id = ? ORDER BY id").param(lead).query(String.class).list())
                .containsExactly("CREATED: Lead created", "EMAIL_IN: Email from Anna <anna-" + tag + "@client.example>: Forty chairs " + tag,
                        "EMAIL_IN: Email from Anna <anna-" + tag + "@client.example>: Re: Forty chairs " + tag);
        assertThat(jdbc.sql("SELECT state FROM inbound_message WHERE id IN (?, ?)").params(first, reply).query(String.class).list())
                .containsOnly("ROUTED");
    }

    /** A due message that somehow has a decision already is not acted on twice (the batch asks once for all of them). */
    @Test
    void aDueMessageThatAlreadyHasADecisionIsNotRoutedAgain() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long decided = spool(tag + "-decided");
        long fresh = spool(tag + "-fresh");
        jdbc.sql("INSERT INTO routing_decision (inbound_id, kind, summary) VALUES (?, 'DROPPED', 'decided before')").param(decided).update();
        InboundProcessor processor = new InboundProcessor(new MessageParser(),
                new MailRouter(directory, new ReplyToken(new byte[32]), SenderRateLimit.odooDefault()), sink);

        router.routeDue(processor, 100, 50);

        assertThat(jdbc.sql("SELECT summary FROM routing_decision WHERE inbound_id = ?").param(decided).query(String.class).list())
                .containsExactly("decided before");
        assertThat(jdbc.sql("SELECT kind FROM routing_decision WHERE inbound_id = ?").param(fresh).query(String.class).single()).isEqualTo("DROPPED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inbound_due WHERE inbound_id IN (?, ?)").params(decided, fresh).query(Long.class).single()).isZero();
    }

    @Autowired
    MailArrivals arrivals;

    /** ADR 0026: while mail keeps arriving, routing waits, but only until the oldest due message has waited its bound. */
    @Test
    void whileMailArrivesRoutingWaitsUntilTheOldestMessageHasWaitedItsBound() throws Exception {
        jdbc.sql("DELETE FROM inbound_due").update(); // the other tests' leftovers would be older than ours
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long waiting = spool(tag + "-waits"); // due since a second ago
        InboundProcessor processor = new InboundProcessor(new MessageParser(),
                new MailRouter(new InMemoryMailDirectory(), new ReplyToken(new byte[32]), SenderRateLimit.odooDefault()),
                (spoolId, decision) -> jdbc.sql("INSERT INTO routing_decision (inbound_id, kind, summary) VALUES (?, 'DROPPED', 'test')")
                        .param(Long.parseLong(spoolId)).update());
        // a message is stored now (the scheduler's first run may come after routeDue's first look), and then every 50 ms
        arrivals.mark();
        java.util.concurrent.ScheduledExecutorService mail = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        mail.scheduleAtFixedRate(arrivals::mark, 50, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            long started = System.nanoTime();
            assertThat(router.routeDue(processor, 100, 50, java.time.Duration.ofSeconds(3))).isEqualTo(1);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(seconds).as("waited while mail arrived, until the message had waited 3 s").isGreaterThan(1.5).isLessThan(6);
        } finally {
            mail.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT state FROM inbound_message WHERE id = ?").param(waiting).query(String.class).single()).isEqualTo("ROUTED");

        spool(tag + "-prompt");
        Thread.sleep(300); // no mail for longer than the arrival window
        long started = System.nanoTime();
        assertThat(router.routeDue(processor, 100, 50, java.time.Duration.ofSeconds(3))).isEqualTo(1);
        assertThat((System.nanoTime() - started) / 1e9).as("no mail arriving: routed at once").isLessThan(1.5);
    }

    private long spool(String messageId) {
        return spool(messageId, "From: customer@client.example\r\nTo: nobody@crm.test\r\nSubject: Hi\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <"
                + messageId + ">\r\n\r\nHello\r\n", "nobody@crm.test");
    }

    private long spool(String messageId, String raw, String recipient) {
        byte[] bytes = raw.getBytes(StandardCharsets.US_ASCII);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        jdbc.sql("""
                INSERT INTO inbound_message (state, transport, remote, sender, recipients, recipients_key, message_id, sha256,
                    redelivery_key, size_bytes, raw, received_at, next_attempt_at)
                VALUES ('RECEIVED', 'SMTP', '127.0.0.1:1', 'customer@client.example', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(recipient, DatabaseInboundSpool.recipientsKey(List.of(recipient)), messageId, "0".repeat(64), messageId + "|x",
                        (long) bytes.length, bytes, now, now)
                .update();
        long id = jdbc.sql("SELECT id FROM inbound_message WHERE message_id = ?").param(messageId).query(Long.class).single();
        jdbc.sql("INSERT INTO inbound_due (inbound_id, next_attempt_at) VALUES (?, ?)").params(id, now).update();
        return id;
    }
}
