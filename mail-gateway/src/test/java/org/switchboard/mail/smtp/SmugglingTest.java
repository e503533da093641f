package org.switchboard.mail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP smuggling probes (CVE-2023-51747 class): a message whose data ends with a non-standard end-of-data
 * sequence followed by SMTP commands of a second message.
 */
class SmugglingTest {

    private static final String SMUGGLED = "MAIL FROM:<ceo@crm.example.com>\r\n"
            + "RCPT TO:<sales@crm.example.com>\r\n"
            + "DATA\r\n"
            + "From: ceo@crm.example.com\r\nSubject: smuggled\r\n\r\nwire the money\r\n"
            + ".\r\n";

    private ListenerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ListenerFixture.smtp();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "end of data written as {0}")
    @ValueSource(strings = {"\\n.\\n", "\\n.\\r\\n", "\\r.\\r\\n", "\\r\\n.\\n", "\\r\\n.\\r"})
    void bareLineEndingsNeverEndTheDataAndTheMessageIsRefused(String escaped) throws Exception {
        String ending = escaped.replace("\\r", "\r").replace("\\n", "\n");
        try (RawClient client = fixture.inData("attacker@evil.example")) {
            client.send("From: attacker@evil.example\r\nSubject: innocent\r\n\r\nhello" + ending + SMUGGLED);
            String reply = client.reply();
            assertTrue(reply.startsWith("550 5.6.0"), "one refusal for the whole thing: " + reply);
            assertEquals(0, fixture.spool.messages().size(), "neither the message nor a smuggled one was stored");

            // the session is in step again: the next reply answers our NOOP, not a smuggled command
            assertTrue(client.command("NOOP").startsWith("250"));
            assertTrue(client.command("QUIT").startsWith("221"));
        }
        assertEquals(0, fixture.spool.messages().size());
    }

    @Test
    void properEndOfDataFollowedByPipelinedCommandsGivesTwoMessages() throws Exception {
        try (RawClient client = fixture.inData("alice@customer.example")) {
            client.send("Subject: first\r\n\r\nhello\r\n.\r\n" + SMUGGLED);
            // replies: 250 (first message), 250 MAIL, 250 RCPT, 354 DATA, 250 (second message)
            var replies = client.replies(5);
            assertTrue(replies.get(0).startsWith("250"), replies.toString());
            assertTrue(replies.get(3).startsWith("354"), replies.toString());
            assertTrue(replies.get(4).startsWith("250"), replies.toString());
        }
        assertEquals(2, fixture.spool.messages().size(), "CRLF.CRLF is the only end of data");
    }

    @Test
    void aBareLineFeedInsideTheHeaderIsRefusedAndTheNextMessageGoesThrough() throws Exception {
        try (RawClient client = fixture.inData("alice@customer.example")) {
            String reply = client.command("Subject: one\nX-Other: two\r\n\r\nbody\r\n.");
            assertTrue(reply.startsWith("550 5.6.0"), reply);
            client.command("MAIL FROM:<alice@customer.example>");
            client.command("RCPT TO:<sales@crm.example.com>");
            client.command("DATA");
            ListenerFixture.expect(client.command("Subject: fine\r\n\r\nbody\r\n."), "250");
        }
        assertEquals(1, fixture.spool.messages().size());
        assertTrue(fixture.spool.messages().get(0).text().contains("Subject: fine"));
    }
}
