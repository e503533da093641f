package org.switchboard.mail.smtp;

import java.util.Set;

import org.switchboard.mail.spi.memory.InMemoryInboundSpool;

/** Starts a listener on a free port against an in-memory spool; recipients: sales@ and support@crm.example.com. */
final class ListenerFixture implements AutoCloseable {

    static final Set<String> KNOWN = Set.of("sales@crm.example.com", "support@crm.example.com");

    final InMemoryInboundSpool spool = new InMemoryInboundSpool();
    final MailListener listener;

    ListenerFixture(ListenerConfig config) throws Exception {
        listener = new MailListener(config.withAddress("127.0.0.1", 0), spool, KNOWN::contains);
        listener.start();
    }

    static ListenerFixture smtp() throws Exception {
        return new ListenerFixture(ListenerConfig.defaults(ListenerConfig.Protocol.SMTP, "mx.crm.example.com"));
    }

    static ListenerFixture lmtp() throws Exception {
        return new ListenerFixture(ListenerConfig.defaults(ListenerConfig.Protocol.LMTP, "lmtp.crm.example.com"));
    }

    RawClient client() throws Exception {
        RawClient client = new RawClient(listener.port());
        String greeting = client.reply();
        if (!greeting.startsWith("220")) {
            throw new IllegalStateException("no greeting: " + greeting);
        }
        return client;
    }

    /** EHLO, MAIL, RCPT sales@, DATA; returns the client ready for message data. */
    RawClient inData(String sender) throws Exception {
        RawClient client = client();
        expect(client.command("EHLO client.example.org"), "250");
        expect(client.command("MAIL FROM:<" + sender + ">"), "250");
        expect(client.command("RCPT TO:<sales@crm.example.com>"), "250");
        expect(client.command("DATA"), "354");
        return client;
    }

    static void expect(String reply, String code) {
        if (reply == null || !reply.startsWith(code)) {
            throw new AssertionError("expected " + code + " but got: " + reply);
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
