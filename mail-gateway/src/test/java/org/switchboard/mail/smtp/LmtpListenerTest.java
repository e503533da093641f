package org.switchboard.mail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LmtpListenerTest {

    private ListenerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ListenerFixture.lmtp();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private RawClient twoRecipients() throws Exception {
        RawClient client = fixture.client();
        assertTrue(client.command("LHLO postfix.crm.example.com").startsWith("250"));
        ListenerFixture.expect(client.command("MAIL FROM:<alice@customer.example>"), "250");
        ListenerFixture.expect(client.command("RCPT TO:<sales@crm.example.com>"), "250");
        assertTrue(client.command("RCPT TO:<ghost@crm.example.com>").startsWith("550 5.1.1"));
        ListenerFixture.expect(client.command("RCPT TO:<support@crm.example.com>"), "250");
        ListenerFixture.expect(client.command("DATA"), "354");
        return client;
    }

    @Test
    void greetsAsLmtpAndRefusesHelo() throws Exception {
        try (RawClient client = fixture.client()) {
            assertTrue(client.command("HELO postfix").startsWith("500"), "RFC 2033 §4.1: LHLO, not HELO");
        }
    }

    @Test
    void oneReplyPerAcceptedRecipientAfterData() throws Exception {
        try (RawClient client = twoRecipients()) {
            client.send("Subject: via postfix\r\n\r\nhello\r\n.\r\n");
            List<String> replies = client.replies(2);
            assertTrue(replies.get(0).startsWith("250") && replies.get(0).contains("sales@crm.example.com"), replies.toString());
            assertTrue(replies.get(1).startsWith("250") && replies.get(1).contains("support@crm.example.com"), replies.toString());
            assertTrue(client.command("NOOP").startsWith("250"), "no further replies were queued");
        }
        assertEquals(1, fixture.spool.messages().size(), "stored once for both recipients");
        assertEquals(List.of("sales@crm.example.com", "support@crm.example.com"),
                fixture.spool.messages().get(0).envelope().recipients());
        assertEquals("LMTP", fixture.spool.messages().get(0).envelope().transport());
    }

    @Test
    void spoolFailureIsTemporaryForEveryRecipient() throws Exception {
        fixture.spool.setUnavailable(true);
        try (RawClient client = twoRecipients()) {
            client.send("Subject: via postfix\r\n\r\nhello\r\n.\r\n");
            List<String> replies = client.replies(2);
            assertTrue(replies.get(0).startsWith("451"), replies.toString());
            assertTrue(replies.get(1).startsWith("451"), replies.toString());
        }
        assertEquals(0, fixture.spool.messages().size());
    }

    @Test
    void bareLineFeedIsRefusedOverLmtpToo() throws Exception {
        try (RawClient client = twoRecipients()) {
            client.send("Subject: x\r\n\r\nhello\n.\r\nMAIL FROM:<a@b.example>\r\n\r\n.\r\n");
            List<String> replies = client.replies(2);
            assertTrue(replies.get(0).startsWith("550 5.6.0"), replies.toString());
            assertTrue(replies.get(1).startsWith("550 5.6.0"), "one refusal per recipient: " + replies);
            assertTrue(client.command("NOOP").startsWith("250"), "client and server are still in step");
        }
        assertEquals(0, fixture.spool.messages().size());
    }

    @Test
    void anOversizedMessageGetsOneRefusalPerRecipient() throws Exception {
        fixture.close();
        fixture = new ListenerFixture(ListenerConfig.defaults(ListenerConfig.Protocol.LMTP, "lmtp.crm.example.com")
                .withLimits(1000, 20, 300));
        try (RawClient client = twoRecipients()) {
            client.send("Subject: big\r\n\r\n" + "0123456789\r\n".repeat(200) + ".\r\n");
            List<String> replies = client.replies(2);
            assertTrue(replies.get(0).startsWith("552"), replies.toString());
            assertTrue(replies.get(1).startsWith("552"), replies.toString());
            assertTrue(client.command("NOOP").startsWith("250"), "client and server are still in step");
        }
        assertEquals(0, fixture.spool.messages().size());
    }
}
