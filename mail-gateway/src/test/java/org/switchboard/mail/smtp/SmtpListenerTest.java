package org.switchboard.mail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.mail.spi.memory.InMemoryInboundSpool.Spooled;

class SmtpListenerTest {

    private ListenerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ListenerFixture.smtp();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void acceptedMessageIsSpooledWithTraceHeaderBeforeTheReply() throws Exception {
        try (RawClient client = fixture.inData("alice@customer.example")) {
            String reply = client.command("Message-ID: <abc@customer.example>\r\nSubject: Quote\r\n\r\nPlease send a quote.\r\n.");
            ListenerFixture.expect(reply, "250");
            List<Spooled> stored = fixture.spool.messages();
            assertEquals(1, stored.size(), "the 250 came after the spool committed");
            Spooled message = stored.get(0);
            assertTrue(reply.contains(message.spoolId()), reply);
            assertTrue(message.text().startsWith("Received: from client.example.org"), message.text());
            assertTrue(message.text().endsWith("Subject: Quote\r\n\r\nPlease send a quote.\r\n"), message.text());
            assertEquals("abc@customer.example", message.envelope().messageId().orElseThrow());
            assertEquals("alice@customer.example", message.envelope().sender().orElseThrow());
            assertEquals(List.of("sales@crm.example.com"), message.envelope().recipients());
            assertEquals("SMTP", message.envelope().transport());
        }
    }

    @Test
    void everyAcceptedMessageGetsItsOwnIdInTheReceivedLine() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (RawClient client = fixture.inData("alice@customer.example")) {
                ListenerFixture.expect(client.command("Subject: Quote " + i + "\r\n\r\nPlease send a quote.\r\n."), "250");
            }
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Spooled message : fixture.spool.messages()) {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\\(Switchboard\\) with ESMTP id ([0-9a-z.]+);").matcher(message.text());
            assertTrue(id.find(), message.text());
            ids.add(id.group(1));
        }
        assertEquals(3, ids.size(), "three messages, three trace ids: " + ids);
    }

    @Test
    void unknownRecipientIsRefusedAtRcpt() throws Exception {
        try (RawClient client = fixture.client()) {
            client.command("EHLO client.example.org");
            client.command("MAIL FROM:<alice@customer.example>");
            String reply = client.command("RCPT TO:<nobody@crm.example.com>");
            assertTrue(reply.startsWith("550 5.1.1"), reply);
            assertTrue(client.command("DATA").startsWith("503"), "no valid recipient, no DATA");
        }
    }

    @Test
    void postmasterOfAForeignDomainIsNotAccepted() throws Exception {
        try (RawClient client = fixture.client()) {
            client.command("EHLO client.example.org");
            client.command("MAIL FROM:<alice@customer.example>");
            assertTrue(client.command("RCPT TO:<postmaster@elsewhere.example>").startsWith("550"));
            assertTrue(client.command("RCPT TO:<abuse@elsewhere.example>").startsWith("550"));
        }
    }

    @Test
    void nullSenderIsAccepted() throws Exception {
        try (RawClient client = fixture.inData("")) {
            ListenerFixture.expect(client.command("Subject: bounce\r\n\r\nx\r\n."), "250");
            assertTrue(fixture.spool.messages().get(0).envelope().sender().isEmpty());
        }
    }

    @Test
    void dotStuffedLinesAreUnstuffed() throws Exception {
        try (RawClient client = fixture.inData("alice@customer.example")) {
            ListenerFixture.expect(client.command("Subject: dots\r\n\r\n..leading dot\r\n..\r\n."), "250");
            assertTrue(fixture.spool.messages().get(0).text().endsWith("\r\n\r\n.leading dot\r\n.\r\n"));
        }
    }

    @Test
    void transientSpoolFailureAnswers451AndTheRetrySucceeds() throws Exception {
        fixture.spool.setUnavailable(true);
        try (RawClient client = fixture.inData("alice@customer.example")) {
            String reply = client.command("Subject: retry\r\n\r\nbody\r\n.");
            assertTrue(reply.startsWith("451 4.3.0"), reply);
            assertEquals(0, fixture.spool.messages().size());

            fixture.spool.setUnavailable(false);
            ListenerFixture.expect(client.command("MAIL FROM:<alice@customer.example>"), "250");
            ListenerFixture.expect(client.command("RCPT TO:<sales@crm.example.com>"), "250");
            ListenerFixture.expect(client.command("DATA"), "354");
            ListenerFixture.expect(client.command("Subject: retry\r\n\r\nbody\r\n."), "250");
            assertEquals(1, fixture.spool.messages().size());
        }
    }

    @Test
    void redeliveryOfTheSameMessageIsRecognised() throws Exception {
        String message = "Message-ID: <same@customer.example>\r\nSubject: twice\r\n\r\nbody\r\n.";
        for (int attempt = 0; attempt < 2; attempt++) {
            try (RawClient client = fixture.inData("alice@customer.example")) {
                String reply = client.command(message);
                ListenerFixture.expect(reply, "250");
                if (attempt == 1) {
                    assertTrue(reply.contains("Already received as m1"), reply);
                }
            }
        }
        assertEquals(1, fixture.spool.messages().size());
        assertEquals(2, fixture.spool.storeCalls());
    }

    @Test
    void differentContentWithTheSameMessageIdIsNotARedelivery() throws Exception {
        for (String body : List.of("first", "second")) {
            try (RawClient client = fixture.inData("alice@customer.example")) {
                ListenerFixture.expect(client.command("Message-ID: <same@customer.example>\r\n\r\n" + body + "\r\n."), "250");
            }
        }
        assertEquals(2, fixture.spool.messages().size());
    }

    @Test
    void ehloAnnouncesTheSizeLimitAndNoAuth() throws Exception {
        try (RawClient client = fixture.client()) {
            String ehlo = client.command("EHLO client.example.org");
            assertTrue(ehlo.contains("SIZE " + (25L * 1024 * 1024)), ehlo);
            assertTrue(!ehlo.contains("AUTH"), ehlo);
            assertTrue(!ehlo.contains("STARTTLS"), "no keystore, no STARTTLS: " + ehlo);
        }
    }

    @Test
    void relayingToOtherDomainsIsRefused() throws Exception {
        try (RawClient client = fixture.client()) {
            client.command("EHLO client.example.org");
            client.command("MAIL FROM:<alice@customer.example>");
            assertTrue(client.command("RCPT TO:<victim@elsewhere.example>").startsWith("5"));
        }
    }

    @Test
    void concurrentSessionsEachGetTheirMessagesStoredOnce() throws Exception {
        int sessions = 8;
        int perSession = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        List<java.util.concurrent.Future<Integer>> accepted = new java.util.ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int session = s;
            accepted.add(pool.submit(() -> {
                int ok = 0;
                try (RawClient client = fixture.client()) {
                    client.command("EHLO client" + session + ".example.org");
                    for (int i = 0; i < perSession; i++) {
                        client.command("MAIL FROM:<load@customer.example>");
                        client.command("RCPT TO:<sales@crm.example.com>");
                        client.command("DATA");
                        String reply = client.command("Message-ID: <" + session + "." + i + "@load>\r\nSubject: " + i + "\r\n\r\nbody\r\n.");
                        ok += reply.startsWith("250") ? 1 : 0;
                    }
                }
                return ok;
            }));
        }
        int total = 0;
        for (java.util.concurrent.Future<Integer> f : accepted) {
            total += f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(sessions * perSession, total);
        assertEquals(sessions * perSession, fixture.spool.messages().size());
        assertEquals(sessions * perSession, fixture.spool.messages().stream().map(m -> m.envelope().messageId().orElseThrow()).distinct().count());
    }
}
