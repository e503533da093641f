package org.switchboard.mail.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.mail.route.ReplyToken;
import org.switchboard.mail.spi.OutboundAttachment;
import org.switchboard.mail.spi.OutboundMessage;
import org.switchboard.mail.spi.memory.InMemoryOutbox;
import org.switchboard.mail.spi.memory.InMemoryOutbox.State;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

class OutboxSenderTest {

    @RegisterExtension
    static final GreenMailExtension RELAY = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final ReplyToken TOKENS = new ReplyToken("outbound-test-secret-outbound-test-secret".getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private final InMemoryOutbox outbox = new InMemoryOutbox();

    private OutboxSender sender(int port, Clock clock) {
        RelayConfig relay = new RelayConfig("127.0.0.1", port, RelayConfig.Security.NONE, Optional.empty(), Optional.empty(),
                "crm.example.com", Duration.ofSeconds(5), RelayConfig.RetryPolicy.standard());
        return new OutboxSender(outbox, relay, TOKENS, clock);
    }

    private OutboxSender sender() {
        return sender(RELAY.getSmtp().getPort(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static OutboundMessage answer(String id, String subject, boolean automated, String... bcc) {
        return new OutboundMessage(id, "anna@crm.example.com", "Anna Vertrieb", List.of("alice@customer.example"), List.of(),
                List.of(bcc), subject, "Guten Tag,\nanbei das Angebot.", Optional.empty(), Optional.of(55L),
                Optional.of("sales@crm.example.com"), Optional.of("m1@customer.example"),
                List.of("m0@customer.example", "m1@customer.example"), automated, List.of(), 0);
    }

    @Test
    void anAnswerFromTheCaseCarriesThreadingAndTheReplyToken() throws Exception {
        outbox.enqueue(answer("o1", "Ihr Angebot für Stühle", false));
        assertEquals(1, sender().drain(10));

        MimeMessage received = RELAY.getReceivedMessages()[0];
        assertEquals("<outbox-o1@crm.example.com>", received.getMessageID());
        assertEquals("<m1@customer.example>", received.getHeader("In-Reply-To", null));
        assertEquals("<m0@customer.example> <m1@customer.example>",
                received.getHeader("References", null).replaceAll("\\s+", " "));
        String replyTo = received.getReplyTo()[0].toString();
        assertTrue(replyTo.contains(TOKENS.caseAddress("sales@crm.example.com", 55)), replyTo);
        assertEquals("Ihr Angebot für Stühle", received.getSubject());
        assertNull(received.getHeader("Auto-Submitted"), "a human wrote this one");
        assertEquals("crm.example.com", received.getHeader("X-Switchboard-Loop", null));
        assertTrue(GreenMailUtil.getBody(received).contains("anbei das Angebot"));
        String returnPath = received.getHeader("Return-Path", null);
        assertTrue(returnPath != null && returnPath.contains("sales+mo1-"), "VERP envelope sender: " + returnPath);

        InMemoryOutbox.Entry entry = outbox.entry("o1");
        assertEquals(State.SENT, entry.state());
        assertEquals("outbox-o1@crm.example.com", entry.messageId());
    }

    @Test
    void automatedMailSaysSo() throws Exception {
        outbox.enqueue(answer("o2", "Ihre Anfrage ist eingegangen", true));
        sender().drain(10);
        assertEquals("auto-generated", RELAY.getReceivedMessages()[0].getHeader("Auto-Submitted", null));
    }

    @Test
    void bccReachesTheRecipientButNoHeader() throws Exception {
        outbox.enqueue(answer("o3", "Angebot", false, "boss@crm.example.com"));
        sender().drain(10);
        assertEquals(2, RELAY.getReceivedMessages().length, "one copy per recipient");
        for (MimeMessage received : RELAY.getReceivedMessages()) {
            assertNull(received.getHeader("Bcc"));
            assertTrue(!GreenMailUtil.getHeaders(received).contains("boss@crm.example.com"));
        }
    }

    @Test
    void headerInjectionIsRefusedAndNothingIsSent() {
        outbox.enqueue(answer("o4", "Hello\r\nBcc: victim@elsewhere.example", false));
        OutboundMessage badAddress = new OutboundMessage("o5", "anna@crm.example.com", "Anna",
                List.of("alice@customer.example\r\nBcc: victim@elsewhere.example"), List.of(), List.of(), "hi", "x",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false, List.of(), 0);
        outbox.enqueue(badAddress);
        OutboundMessage badInReplyTo = new OutboundMessage("o6", "anna@crm.example.com", "Anna", List.of("alice@customer.example"),
                List.of(), List.of(), "hi", "x", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("x>\r\nBcc: victim@elsewhere.example"), List.of(), false, List.of(), 0);
        outbox.enqueue(badInReplyTo);

        assertEquals(0, sender().drain(10));
        assertEquals(0, RELAY.getReceivedMessages().length);
        for (String id : List.of("o4", "o5", "o6")) {
            assertEquals(State.FAILED, outbox.entry(id).state(), id);
            assertTrue(outbox.entry(id).lastError().startsWith("not sendable"), outbox.entry(id).lastError());
        }
    }

    @Test
    void aRelayOutageIsRetriedWithBackoffAndTheMessageGoesOutOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        outbox.enqueue(answer("o7", "Angebot", false));
        assertEquals(0, sender(closedPort, Clock.fixed(NOW, ZoneOffset.UTC)).drain(10));
        InMemoryOutbox.Entry entry = outbox.entry("o7");
        assertEquals(State.QUEUED, entry.state());
        assertEquals(NOW.plus(Duration.ofMinutes(1)), entry.dueAt());
        assertEquals(1, entry.attempts());

        assertEquals(0, sender(closedPort, Clock.fixed(NOW.plusSeconds(61), ZoneOffset.UTC)).drain(10));
        assertEquals(NOW.plusSeconds(61).plus(Duration.ofMinutes(2)), outbox.entry("o7").dueAt(), "the delay doubles");

        OutboxSender working = sender(RELAY.getSmtp().getPort(), Clock.fixed(NOW.plusSeconds(30), ZoneOffset.UTC));
        assertEquals(0, working.drain(10), "not due yet");
        working = sender(RELAY.getSmtp().getPort(), Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        assertEquals(1, working.drain(10));
        assertEquals(0, working.drain(10), "sent messages are not claimed again");
        assertEquals(1, RELAY.getReceivedMessages().length);
        assertEquals(State.SENT, outbox.entry("o7").state());
    }

    @Test
    void attachmentsAndHtmlAreSent() throws Exception {
        OutboundMessage withFiles = new OutboundMessage("o8", "anna@crm.example.com", "Anna", List.of("alice@customer.example"),
                List.of(), List.of(), "Angebot", "Text", Optional.of("<p>HTML</p>"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), false,
                List.of(new OutboundAttachment("Angebot für Müller.pdf", "application/pdf", "PDF".getBytes(StandardCharsets.US_ASCII))), 0);
        outbox.enqueue(withFiles);
        sender().drain(10);
        MimeMultipart mixed = (MimeMultipart) RELAY.getReceivedMessages()[0].getContent();
        assertEquals(2, mixed.getCount());
        assertTrue(mixed.getBodyPart(0).isMimeType("multipart/alternative"));
        assertEquals("Angebot für Müller.pdf", jakarta.mail.internet.MimeUtility.decodeText(mixed.getBodyPart(1).getFileName()));
    }

    @Test
    void anInvitationCarriesItsItipMessageAsTextCalendarAndAsInviteIcs() throws Exception {
        byte[] ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                .getBytes(StandardCharsets.UTF_8);
        OutboundMessage invitation = new OutboundMessage("o10", "anna@crm.example.com", "Anna", List.of("alice@customer.example"),
                List.of(), List.of(), "Invitation: Review", "Review on Monday", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), false, List.of(), 0, Optional.of(new org.switchboard.mail.spi.OutboundCalendar("REQUEST", ics)));
        outbox.enqueue(invitation);
        sender().drain(10);
        jakarta.mail.internet.MimeMessage sent = RELAY.getReceivedMessages()[0];
        assertEquals(null, sent.getHeader("Auto-Submitted"));
        MimeMultipart mixed = (MimeMultipart) sent.getContent();
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/calendar"));
        assertTrue(alternative.getBodyPart(1).getContentType().contains("method=REQUEST"), alternative.getBodyPart(1).getContentType());
        assertEquals("invite.ics", mixed.getBodyPart(1).getFileName());
        assertTrue(mixed.getBodyPart(1).isMimeType("application/ics"));
        assertEquals(new String(ics, StandardCharsets.UTF_8),
                new String(alternative.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aPermanentRefusalByTheRelayFailsTheMessageWithoutRetry() throws Exception {
        // our own listener as the relay: it refuses every recipient with 550 5.1.1
        try (org.switchboard.mail.smtp.MailListener refusing = new org.switchboard.mail.smtp.MailListener(
                org.switchboard.mail.smtp.ListenerConfig.defaults(org.switchboard.mail.smtp.ListenerConfig.Protocol.SMTP, "relay.example")
                        .withAddress("127.0.0.1", 0),
                new org.switchboard.mail.spi.memory.InMemoryInboundSpool(), address -> false)) {
            refusing.start();
            outbox.enqueue(answer("o9", "Angebot", false));
            assertEquals(0, sender(refusing.port(), Clock.fixed(NOW, ZoneOffset.UTC)).drain(10));
        }
        InMemoryOutbox.Entry entry = outbox.entry("o9");
        assertEquals(State.FAILED, entry.state());
        assertTrue(entry.lastError().startsWith("relay refused"), entry.lastError());
    }

    @Test
    void backoffIsCappedAndEnds() {
        RelayConfig.RetryPolicy policy = new RelayConfig.RetryPolicy(5, Duration.ofMinutes(1), Duration.ofMinutes(5));
        assertEquals(Optional.of(Duration.ofMinutes(1)), policy.delayAfter(1));
        assertEquals(Optional.of(Duration.ofMinutes(4)), policy.delayAfter(3));
        assertEquals(Optional.of(Duration.ofMinutes(5)), policy.delayAfter(4));
        assertEquals(Optional.empty(), policy.delayAfter(5));
    }
}
