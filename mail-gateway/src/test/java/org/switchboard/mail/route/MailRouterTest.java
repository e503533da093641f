package org.switchboard.mail.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.switchboard.mail.parse.MessageParser;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.mail.spi.RoutingDecision;
import org.switchboard.mail.spi.RoutingDecision.Bounce;
import org.switchboard.mail.spi.RoutingDecision.DeadLetter;
import org.switchboard.mail.spi.RoutingDecision.Dropped;
import org.switchboard.mail.spi.RoutingDecision.NewCase;
import org.switchboard.mail.spi.RoutingDecision.ReplyMatch;
import org.switchboard.mail.spi.RoutingDecision.ReplyToCase;
import org.switchboard.mail.spi.memory.InMemoryMailDirectory;

class MailRouterTest {

    private final ReplyToken tokens = ReplyTokenTest.TOKENS;
    private final InMemoryMailDirectory directory = new InMemoryMailDirectory()
            .alias("sales@crm.example.com", "lead:team=1")
            .alias("support@crm.example.com", "opportunity:team=2")
            .catchAll("catch.example.com", "lead:team=9")
            .partner("alice@customer.example", "partner-17")
            .companyOfDomain("customer.example", "company-3")
            .existingCase(55)
            .caseWithMessageId(77, "case77-first@crm.example.com")
            .outbound("out-9", "outbox-9@crm.example.com");
    private final MailRouter router = new MailRouter(directory, tokens, SenderRateLimit.odooDefault());

    private static InboundEnvelope envelope(String sender, String... recipients) {
        return new InboundEnvelope(Optional.ofNullable(sender), List.of(recipients), "SMTP", "127.0.0.1",
                Optional.empty(), "0".repeat(64), 100, Instant.now());
    }

    private static ParsedMessage parse(String raw) throws Exception {
        return new MessageParser().parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private RoutingDecision route(String raw, String sender, String... recipients) throws Exception {
        return router.route(envelope(sender, recipients), parse(raw));
    }

    @Test
    void mailToAnAliasCreatesACaseForTheSendersPartner() throws Exception {
        RoutingDecision decision = route("From: Alice <alice@customer.example>\r\nSubject: Need 40 chairs\r\n\r\nQuote please",
                "alice@customer.example", "sales@crm.example.com");
        NewCase newCase = assertInstanceOf(NewCase.class, decision);
        assertEquals("lead:team=1", newCase.alias().target());
        assertEquals(Optional.of("partner-17"), newCase.partnerId());
        assertEquals("Need 40 chairs", newCase.message().subject());
    }

    private static String calendarMail(String auto, String method) {
        return "From: hank@globex.example\r\nSubject: Accepted: Review\r\n" + auto + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nAccepted\r\n"
                + "--b\r\nContent-Type: text/calendar; method=" + method + "\r\n\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                + "METH\r\n OD:" + method + "\r\nBEGIN:VEVENT\r\nUID:u1\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:hank@globex.example\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n--b--\r\n";
    }

    @Test
    void anItipReplyIsACalendarReplyBeforeAliasesEvenWhenMarkedAutomatic() throws Exception {
        RoutingDecision.CalendarReply reply = assertInstanceOf(RoutingDecision.CalendarReply.class,
                route(calendarMail("Auto-Submitted: auto-generated\r\n", "REPLY"), "hank@globex.example", "sales@crm.example.com"));
        assertTrue(new String(reply.calendar(), StandardCharsets.UTF_8).contains("PARTSTAT=ACCEPTED"));
        // an invitation someone sends us is no reply: it goes the ordinary way
        assertInstanceOf(NewCase.class, route(calendarMail("", "REQUEST"), "hank@globex.example", "sales@crm.example.com"));
    }

    @Test
    void unknownSenderStillCreatesACaseWithoutPartner() throws Exception {
        NewCase newCase = assertInstanceOf(NewCase.class, route("From: bob@new.example\r\n\r\nhi", "bob@new.example",
                "support@crm.example.com"));
        assertEquals(Optional.empty(), newCase.partnerId());
        assertEquals("opportunity:team=2", newCase.alias().target());
    }

    @Test
    void anUnknownSenderOfAKnownDomainGetsTheCompanyOnlyWhenNoPartnerOwnsTheAddress() throws Exception {
        NewCase unknown = assertInstanceOf(NewCase.class, route("From: carol@customer.example\r\n\r\nhi", "carol@customer.example",
                "sales@crm.example.com"));
        assertEquals(Optional.of("company-3"), unknown.partnerId());
        NewCase known = assertInstanceOf(NewCase.class, route("From: alice@customer.example\r\n\r\nhi", "alice@customer.example",
                "sales@crm.example.com"));
        assertEquals(Optional.of("partner-17"), known.partnerId(), "the exact address wins over the domain");
        NewCase viaCatchAll = assertInstanceOf(NewCase.class, route("From: dan@customer.example\r\n\r\nhi", "dan@customer.example",
                "x@catch.example.com"));
        assertEquals(Optional.of("company-3"), viaCatchAll.partnerId());
    }

    @Test
    void aSignedReplyAddressFindsItsCase() throws Exception {
        String replyAddress = tokens.caseAddress("sales@crm.example.com", 55);
        ReplyToCase reply = assertInstanceOf(ReplyToCase.class,
                route("From: alice@customer.example\r\nSubject: Re: chairs\r\n\r\nok", "alice@customer.example", replyAddress));
        assertEquals(55, reply.caseId());
        assertEquals(ReplyMatch.REPLY_TOKEN, reply.matchedBy());
        assertEquals(Optional.of("partner-17"), reply.partnerId());
    }

    @Test
    void aForgedReplyAddressDoesNotAttachToTheCase() throws Exception {
        String forged = "sales+c55-0123456789abcdef@crm.example.com";
        assertInstanceOf(NewCase.class, route("From: mallory@evil.example\r\n\r\nhi", "mallory@evil.example", forged),
                "falls back to the alias under the detail, as a new case");
    }

    @Test
    void inReplyToAndReferencesFindTheCase() throws Exception {
        ReplyToCase byInReplyTo = assertInstanceOf(ReplyToCase.class, route(
                "From: alice@customer.example\r\nIn-Reply-To: <case77-first@crm.example.com>\r\n\r\nok",
                "alice@customer.example", "sales@crm.example.com"));
        assertEquals(77, byInReplyTo.caseId());
        assertEquals(ReplyMatch.MESSAGE_ID, byInReplyTo.matchedBy());

        ReplyToCase byReferences = assertInstanceOf(ReplyToCase.class, route(
                "From: alice@customer.example\r\nReferences: <case77-first@crm.example.com> <unknown@x>\r\n\r\nok",
                "alice@customer.example", "sales@crm.example.com"));
        assertEquals(77, byReferences.caseId());
    }

    @Test
    void aSubjectTagFindsAnExistingCaseOnly() throws Exception {
        ReplyToCase tagged = assertInstanceOf(ReplyToCase.class, route(
                "From: alice@customer.example\r\nSubject: Re: [#55] chairs\r\n\r\nok", "alice@customer.example",
                "sales@crm.example.com"));
        assertEquals(ReplyMatch.SUBJECT_TAG, tagged.matchedBy());
        assertInstanceOf(NewCase.class, route("From: alice@customer.example\r\nSubject: [#999] unknown\r\n\r\nok",
                "alice@customer.example", "sales@crm.example.com"));
    }

    @Test
    void catchAllThenDeadLetter() throws Exception {
        NewCase caught = assertInstanceOf(NewCase.class, route("From: a@b.example\r\n\r\nx", "a@b.example", "anything@catch.example.com"));
        assertTrue(caught.alias().catchAll());
        DeadLetter dead = assertInstanceOf(DeadLetter.class, route("From: a@b.example\r\n\r\nx", "a@b.example", "postmaster@crm.example.com"));
        assertTrue(dead.reason().contains("no alias"), dead.reason());
    }

    @Test
    void automatedMailIsDroppedEvenWhenItRepliesToACase() throws Exception {
        String[] automated = {
            "Auto-Submitted: auto-replied\r\n",
            "Precedence: bulk\r\n",
            "Precedence: junk\r\n",
            "Precedence: list\r\n",
            "X-Loop: helpdesk@customer.example\r\n",
            "X-Switchboard-Loop: crm.example.com\r\n",
            "List-Id: <news.customer.example>\r\n",
            "X-Auto-Response-Suppress: All\r\n",
        };
        for (String header : automated) {
            RoutingDecision decision = route(header + "From: alice@customer.example\r\nIn-Reply-To: <case77-first@crm.example.com>\r\n\r\nI am out",
                    "alice@customer.example", "sales@crm.example.com");
            assertInstanceOf(Dropped.class, decision, header);
        }
        assertInstanceOf(NewCase.class, route("Auto-Submitted: no\r\nFrom: alice@customer.example\r\n\r\nhuman", "alice@customer.example",
                "sales@crm.example.com"), "RFC 3834: 'no' means a human");
    }

    @Test
    void nullSenderAndSystemSendersAreDropped() throws Exception {
        assertInstanceOf(Dropped.class, route("From: someone@x.example\r\n\r\nx", null, "sales@crm.example.com"));
        assertInstanceOf(Dropped.class, route("From: MAILER-DAEMON@x.example\r\n\r\nx", "MAILER-DAEMON@x.example", "sales@crm.example.com"));
        assertInstanceOf(Dropped.class, route("From: postmaster@x.example\r\n\r\nx", "bounce@x.example", "sales@crm.example.com"));
    }

    @Test
    void aSenderOverTheRateLimitIsDroppedAsALoop() throws Exception {
        Instant[] now = {Instant.parse("2026-11-30T10:00:00Z")};
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        MailRouter limited = new MailRouter(directory, tokens, new SenderRateLimit(20, Duration.ofMinutes(120), clock));
        ParsedMessage message = parse("From: robot@customer.example\r\n\r\nping");
        for (int i = 0; i < 20; i++) {
            assertInstanceOf(NewCase.class, limited.route(envelope("robot@customer.example", "sales@crm.example.com"), message));
        }
        Dropped dropped = assertInstanceOf(Dropped.class, limited.route(envelope("robot@customer.example", "sales@crm.example.com"), message));
        assertTrue(dropped.reason().contains("rate limit"));
        assertInstanceOf(NewCase.class, limited.route(envelope("alice@customer.example", "sales@crm.example.com"),
                parse("From: alice@customer.example\r\n\r\nhi")), "other senders are not affected");
        now[0] = now[0].plus(Duration.ofMinutes(121));
        assertInstanceOf(NewCase.class, limited.route(envelope("robot@customer.example", "sales@crm.example.com"), message),
                "the window slides");
    }

    @Test
    void aDsnIsABounceLinkedByTheOriginalMessageId() throws Exception {
        Bounce bounce = assertInstanceOf(Bounce.class, route(""
                + "From: MAILER-DAEMON@mx.customer.example\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.customer.example\r\n\r\n"
                + "Final-Recipient: rfc822; gone@customer.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <outbox-9@crm.example.com>\r\n\r\n"
                + "--r--\r\n", null, "sales@crm.example.com"));
        assertEquals(Optional.of("out-9"), bounce.outboundId());
        assertEquals(Optional.of("gone@customer.example"), bounce.bouncingAddress());
        assertTrue(bounce.permanent());
        assertEquals("failed 5.1.1", bounce.status());
    }

    @Test
    void mailToAVerpAddressIsABounceOfThatMessage() throws Exception {
        String verp = tokens.bounceAddress("sales@crm.example.com", "out12").orElseThrow();
        Bounce bounce = assertInstanceOf(Bounce.class, route("From: MAILER-DAEMON@x.example\r\nSubject: Undeliverable\r\n\r\nsorry",
                null, verp));
        assertEquals(Optional.of("out12"), bounce.outboundId());
    }

    @Test
    void aDelayNoticeIsNotPermanent() throws Exception {
        Bounce bounce = assertInstanceOf(Bounce.class, route(""
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=r\r\n\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
                + "Final-Recipient: rfc822; slow@customer.example\r\nAction: delayed\r\nStatus: 4.4.7\r\n\r\n"
                + "--r--\r\n", null, "sales@crm.example.com"));
        assertEquals(false, bounce.permanent());
        assertEquals(Optional.empty(), bounce.outboundId());
    }
}
