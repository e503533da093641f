package org.switchboard.mail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerLimitsTest {

    private static ListenerConfig smtp() {
        return ListenerConfig.defaults(ListenerConfig.Protocol.SMTP, "mx.crm.example.com");
    }

    @Test
    void aZeroSizeLimitIsRefusedBecauseJamesWouldReadItAsUnlimited() {
        assertThrows(IllegalArgumentException.class, () -> smtp().withLimits(0, 20, 300));
    }

    @Test
    void announcedSizeAboveTheLimitIsRefusedAtMail() throws Exception {
        try (ListenerFixture fixture = new ListenerFixture(smtp().withLimits(10_000, 20, 300));
             RawClient client = fixture.client()) {
            assertTrue(client.command("EHLO client.example.org").contains("SIZE 10000"));
            assertTrue(client.command("MAIL FROM:<alice@customer.example> SIZE=20000").startsWith("552"));
        }
    }

    @Test
    void dataBeyondTheLimitIsRefusedAndNotStored() throws Exception {
        try (ListenerFixture fixture = new ListenerFixture(smtp().withLimits(10_000, 20, 300));
             RawClient client = fixture.inData("alice@customer.example")) {
            StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
            for (int i = 0; i < 500; i++) {
                big.append("0123456789012345678901234567890123456789\r\n");
            }
            String reply = client.command(big + ".");
            assertTrue(reply.startsWith("552"), reply);
            assertEquals(0, fixture.spool.messages().size());
            assertTrue(client.command("NOOP").startsWith("250"), "the session goes on");
        }
    }

    @Test
    void aMessageLargerThanTheMemoryThresholdSpillsToDiskAndArrivesIntact(@TempDir Path spill) throws Exception {
        ListenerConfig config = smtp().withMemoryThreshold(1024);
        config = new ListenerConfig(config.protocol(), config.bindAddress(), config.port(), config.helloName(),
                config.maxMessageSize(), config.maxRecipients(), config.maxConnections(), config.maxConnectionsPerIp(),
                config.idleTimeoutSeconds(), config.maxLineLength(), 1024, Optional.of(spill), Optional.empty());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            body.append("line ").append(i).append("\r\n");
        }
        try (ListenerFixture fixture = new ListenerFixture(config);
             RawClient client = fixture.inData("alice@customer.example")) {
            ListenerFixture.expect(client.command("Subject: spill\r\n\r\n" + body + "."), "250");
            assertTrue(fixture.spool.messages().get(0).text().endsWith("\r\n\r\n" + body));
            try (var files = Files.list(spill)) {
                assertEquals(0, files.count(), "the spill file is deleted once the spool has the message");
            }
        }
    }

    @Test
    void aSpillFileThatCannotBeWrittenIsATemporaryFailure(@TempDir Path dir) throws Exception {
        ListenerConfig base = smtp();
        ListenerConfig config = new ListenerConfig(base.protocol(), base.bindAddress(), base.port(), base.helloName(),
                base.maxMessageSize(), base.maxRecipients(), base.maxConnections(), base.maxConnectionsPerIp(),
                base.idleTimeoutSeconds(), base.maxLineLength(), 1024, Optional.of(dir.resolve("missing")), Optional.empty());
        try (ListenerFixture fixture = new ListenerFixture(config);
             RawClient client = fixture.inData("alice@customer.example")) {
            String reply = client.command("Subject: x\r\n\r\n" + "0123456789\r\n".repeat(500) + ".");
            assertTrue(reply.startsWith("451"), reply);
            assertEquals(0, fixture.spool.messages().size());
        }
    }

    @Test
    void anOverlongLineFailsTheTransactionInsteadOfBeingCutOut() throws Exception {
        try (ListenerFixture fixture = new ListenerFixture(smtp());
             RawClient client = fixture.inData("alice@customer.example")) {
            String reply = client.command("Subject: long\r\n\r\n" + "x".repeat(70_000) + "\r\nend\r\n.");
            assertTrue(reply.startsWith("550 5.6.0"), reply);
            assertEquals(0, fixture.spool.messages().size());
            assertTrue(client.command("NOOP").startsWith("250"));
        }
    }

    @Test
    void aClientSpeakingSomethingElseIsCutOff() throws Exception {
        try (ListenerFixture fixture = new ListenerFixture(smtp()); RawClient client = fixture.client()) {
            String last = null;
            for (String line : new String[] {"GET / HTTP/1.1", "Host: crm.example.com", "User-Agent: x", "Accept: */*",
                    "Cookie: a=b", "X-Six: 6"}) {
                last = client.command(line);
            }
            assertTrue(last.startsWith("521"), last);
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (ListenerFixture fixture = new ListenerFixture(smtp().withLimits(10_000, 20, 1));
             RawClient client = fixture.client()) {
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        try (ListenerFixture fixture = new ListenerFixture(smtp().withLimits(10_000, 1, 300));
             RawClient first = fixture.client();
             RawClient second = new RawClient(fixture.listener.port())) {
            assertTrue(second.closedByServer(), "the second connection from 127.0.0.1 is closed");
            assertTrue(first.command("NOOP").startsWith("250"), "the first one still works");
        }
    }

    @Test
    void recipientLookupFailureIsTemporary() throws Exception {
        try (MailListener listener = new MailListener(smtp().withAddress("127.0.0.1", 0),
                new org.switchboard.mail.spi.memory.InMemoryInboundSpool(), address -> {
                    throw new IllegalStateException("directory down");
                })) {
            listener.start();
            try (RawClient client = new RawClient(listener.port())) {
                client.reply();
                client.command("EHLO client.example.org");
                client.command("MAIL FROM:<alice@customer.example>");
                String reply = client.command("RCPT TO:<sales@crm.example.com>");
                assertTrue(reply.startsWith("451 4.3.0"), reply);
                assertFalse(reply.contains("directory down"), "internals are not leaked");
            }
        }
    }
}
