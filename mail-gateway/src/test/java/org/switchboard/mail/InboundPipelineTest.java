package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.mail.parse.MessageParser;
import org.switchboard.mail.route.KnownRecipients;
import org.switchboard.mail.route.MailRouter;
import org.switchboard.mail.route.ReplyToken;
import org.switchboard.mail.route.SenderRateLimit;
import org.switchboard.mail.smtp.ListenerConfig;
import org.switchboard.mail.smtp.MailListener;
import org.switchboard.mail.spi.RoutingDecision;
import org.switchboard.mail.spi.memory.InMemoryInboundSpool;
import org.switchboard.mail.spi.memory.InMemoryMailDirectory;
import org.switchboard.mail.spi.memory.InMemoryRoutingDecisionSink;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** A real mail client talks SMTP to the listener; every spooled message gets exactly one routing decision. */
class InboundPipelineTest {

    private final ReplyToken tokens = new ReplyToken("pipeline-test-secret-pipeline-test-secret".getBytes());
    private final InMemoryMailDirectory directory = new InMemoryMailDirectory()
            .alias("sales@crm.example.com", "lead:team=1")
            .partner("alice@customer.example", "partner-1")
            .existingCase(31);
    private final InMemoryInboundSpool spool = new InMemoryInboundSpool();
    private final InMemoryRoutingDecisionSink sink = new InMemoryRoutingDecisionSink();
    private final InboundProcessor processor = new InboundProcessor(new MessageParser(),
            new MailRouter(directory, tokens, SenderRateLimit.odooDefault()), sink);
    private MailListener listener;

    @BeforeEach
    void start() throws Exception {
        listener = new MailListener(ListenerConfig.defaults(ListenerConfig.Protocol.SMTP, "mx.crm.example.com")
                .withAddress("127.0.0.1", 0), spool, new KnownRecipients(directory, tokens));
        listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    private void send(String to, String subject, String body, String... headers) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(listener.port()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@customer.example", "Alice Kunde"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        for (int i = 0; i < headers.length; i += 2) {
            message.addHeader(headers[i], headers[i + 1]);
        }
        Transport.send(message);
    }

    private void processAll() {
        for (InMemoryInboundSpool.Spooled spooled : spool.messages()) {
            processor.process(spooled.spoolId(), spooled.envelope(), new ByteArrayInputStream(spooled.raw()));
        }
    }

    @Test
    void newLeadThenReplyThroughTheToken() throws Exception {
        send("sales@crm.example.com", "Angebot für 40 Stühle", "Bitte ein Angebot.");
        send(tokens.caseAddress("sales@crm.example.com", 31), "Re: Angebot", "Passt, bitte liefern.");
        processAll();

        assertEquals(2, sink.decisions().size());
        RoutingDecision.NewCase lead = assertInstanceOf(RoutingDecision.NewCase.class, sink.decisions().get(0).decision());
        assertEquals("Angebot für 40 Stühle", lead.message().subject());
        assertEquals("partner-1", lead.partnerId().orElseThrow());
        assertTrue(lead.message().textBody().contains("Bitte ein Angebot."));
        RoutingDecision.ReplyToCase reply = assertInstanceOf(RoutingDecision.ReplyToCase.class, sink.decisions().get(1).decision());
        assertEquals(31, reply.caseId());
    }

    @Test
    void anUnparseableMessageBecomesADeadLetterNotALoss() throws Exception {
        String[] headers = new String[2 * 2000];
        for (int i = 0; i < 2000; i++) {
            headers[2 * i] = "X-Flood-" + i;
            headers[2 * i + 1] = "v";
        }
        send("sales@crm.example.com", "flood", "body", headers);
        processAll();
        RoutingDecision.DeadLetter dead = assertInstanceOf(RoutingDecision.DeadLetter.class, sink.decisions().get(0).decision());
        assertTrue(dead.reason().contains("header"), dead.reason());
        assertEquals(spool.messages().get(0).spoolId(), sink.decisions().get(0).spoolId());
    }

    @Test
    void anEmptyMessageIsStillStoredAndRouted() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", listener.port())) {
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            var out = socket.getOutputStream();
            in.readLine();
            for (String command : new String[] {"HELO client.example.org", "MAIL FROM:<alice@customer.example>",
                    "RCPT TO:<sales@crm.example.com>", "DATA", "."}) {
                out.write((command + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                String reply = in.readLine();
                assertTrue(reply.startsWith("2") || reply.startsWith("3"), command + " -> " + reply);
            }
        }
        processAll();
        RoutingDecision.NewCase lead = assertInstanceOf(RoutingDecision.NewCase.class, sink.decisions().get(0).decision());
        assertEquals("", lead.message().subject());
        assertEquals("", lead.message().textBody());
    }
}
