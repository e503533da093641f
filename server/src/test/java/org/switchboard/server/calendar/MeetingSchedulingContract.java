package org.switchboard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.testing.Eventually.eventually;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.dav.DavHttp;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.SmtpClient;
import tools.jackson.databind.JsonNode;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Scheduling by email, end to end: meetings written through the API and by a CalDAV client send iMIP
 * messages through the outbox to GreenMail (the relay), read back with ical4j; an attendee's REPLY sent
 * over a real SMTP session to the gateway's listener changes her PARTSTAT as CalDAV clients see it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.mail.enabled=true",
        "switchboard.mail.smtp.host=127.0.0.1",
        "switchboard.mail.hostname=crm.test",
        "switchboard.mail.reply-token-secret=test-secret-test-secret-test-secret-0123",
        "switchboard.mail.route-every=100ms",
        "switchboard.mail.send-every=100ms" })
abstract class MeetingSchedulingContract {
    static final String COMPANY = "/dav/company/meetings/";
    static final GreenMail RELAY = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static {
        RELAY.start();
    }

    @LocalServerPort
    int port;

    /** The gateway's listener: a port of its own per application context (H2 and PostgreSQL stay cached side by side). */
    @Value("${switchboard.mail.smtp.port}")
    int gatewayPort;

    CalendarOrganisation org;
    String alias;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("switchboard.mail.relay.host", () -> "127.0.0.1");
        registry.add("switchboard.mail.relay.port", () -> RELAY.getSmtp().getPort());
        int gateway = freePort();
        registry.add("switchboard.mail.smtp.port", () -> gateway);
    }

    @AfterAll
    static void stopRelay() throws Exception {
        RELAY.purgeEmailFromAllMailboxes();
    }

    @BeforeEach
    void organisation() {
        org = new CalendarOrganisation(port);
        // Where the organizers' calendar mail reaches the gateway (docs/calendar.md#scheduling).
        alias = "calendar-" + org.tag + "@crm.test";
        org.admin.ok(201, org.admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", alias, "teamId", org.teamId,
                "caseType", "LEAD", "reopenClosed", false))));
    }

    @Test
    void externalAttendeesAreInvitedUpdatedAndCancelledByEmailAndColleaguesAreNot() throws Exception {
        long caseId = org.opportunity("Rollout", Map.of()).get("id").asLong();
        String stranger = "sam." + org.tag + "@nowhere.example";
        Map<String, Object> body = new HashMap<>(Map.of("title", "Rollout plan " + org.tag, "start", "2026-12-10T09:00:00Z",
                "end", "2026-12-10T10:00:00Z", "location", "Globex HQ", "caseId", caseId));
        body.put("attendees", List.of(Map.of("userId", org.bobId), Map.of("partnerId", org.contact), Map.of("email", stranger)));
        JsonNode m = org.alice.ok(201, org.alice.post("/api/v1/meetings", ApiClient.json(body)));
        long id = m.get("id").asLong();

        MimeMessage invitation = received(org.contactEmail, "Invitation: Rollout plan " + org.tag);
        assertThat(((InternetAddress) invitation.getFrom()[0]).getAddress()).isEqualTo(org.email("alice"));
        assertThat(invitation.getHeader("Auto-Submitted")).as("a person planned it").isNull();
        assertThat(invitation.getContentType()).startsWith("multipart/mixed");
        Part inline = calendarPart(invitation, "text/calendar");
        assertThat(inline.getContentType()).contains("method=REQUEST");
        assertThat(calendarPart(invitation, "application/ics").getFileName()).isEqualTo("invite.ics");
        Calendar request = ical(inline);
        Component event = request.getComponent("VEVENT").orElseThrow();
        assertThat(request.getProperty("METHOD").map(Property::getValue)).hasValue("REQUEST");
        assertThat(value(event, "UID")).isEqualTo(m.get("uid").asString());
        assertThat(value(event, "ORGANIZER")).isEqualToIgnoringCase("mailto:" + org.email("alice"));
        assertThat(event.getProperties("ATTENDEE").stream().map(Property::getValue))
                .contains("mailto:" + org.contactEmail, "mailto:" + stranger);
        assertThat(value(event, "SEQUENCE")).isEqualTo("0");
        assertThat(value(event, "LOCATION")).isEqualTo("Globex HQ");
        assertThat(event.getProperty("X-SWITCHBOARD-CASE")).as("CRM ids stay home").isEmpty();
        received(stranger, "Invitation: Rollout plan " + org.tag);

        String etag = "\"" + m.get("version").asInt() + "\"";
        m = org.alice.ok(200, org.alice.patch("/api/v1/meetings/" + id, "{\"start\": \"2026-12-10T14:00:00Z\", \"end\": \"2026-12-10T15:00:00Z\"}", etag));
        Calendar update = ical(calendarPart(received(org.contactEmail, "Updated invitation: Rollout plan " + org.tag), "text/calendar"));
        Component moved = update.getComponent("VEVENT").orElseThrow();
        assertThat(value(moved, "SEQUENCE")).isEqualTo("1");
        assertThat(value(moved, "DTSTART")).isEqualTo("20261210T140000Z");

        // the stranger leaves the meeting: she alone is told it is off for her
        etag = "\"" + m.get("version").asInt() + "\"";
        m = org.alice.ok(200, org.alice.patch("/api/v1/meetings/" + id, ApiClient.json(Map.of("attendees",
                List.of(Map.of("userId", org.bobId), Map.of("partnerId", org.contact)))), etag));
        Calendar removed = ical(calendarPart(received(stranger, "Cancelled: Rollout plan " + org.tag), "text/calendar"));
        assertThat(removed.getProperty("METHOD").map(Property::getValue)).hasValue("CANCEL");
        assertThat(value(removed.getComponent("VEVENT").orElseThrow(), "SEQUENCE")).isEqualTo("2");

        etag = "\"" + m.get("version").asInt() + "\"";
        org.alice.ok(200, org.alice.patch("/api/v1/meetings/" + id, "{\"state\": \"CANCELLED\"}", etag));
        Calendar cancel = ical(calendarPart(received(org.contactEmail, "Cancelled: Rollout plan " + org.tag), "text/calendar"));
        Component cancelled = cancel.getComponent("VEVENT").orElseThrow();
        assertThat(cancel.getProperty("METHOD").map(Property::getValue)).hasValue("CANCEL");
        assertThat(value(cancelled, "UID")).isEqualTo(m.get("uid").asString());
        assertThat(value(cancelled, "STATUS")).isEqualTo("CANCELLED");
        assertThat(Integer.parseInt(value(cancelled, "SEQUENCE"))).isGreaterThan(1);

        // deleting the cancelled meeting tells nobody again; colleagues never get mail, they have the calendar
        assertThat(org.alice.delete("/api/v1/meetings/" + id).status()).isEqualTo(204);
        Thread.sleep(1500);
        assertThat(subjects(org.contactEmail)).containsExactly("Invitation: Rollout plan " + org.tag,
                "Updated invitation: Rollout plan " + org.tag, "Cancelled: Rollout plan " + org.tag);
        assertThat(subjects(stranger)).containsExactly("Invitation: Rollout plan " + org.tag, "Updated invitation: Rollout plan " + org.tag,
                "Cancelled: Rollout plan " + org.tag);
        assertThat(subjects(org.email("bob"))).isEmpty();
    }

    @Test
    void aClientsEventIsScheduledUnlessTheClientSchedulesThatAttendeeItselfAndARetriedPutSendsNothingAgain() throws Exception {
        DavHttp bob = org.dav("bob");
        String uid = "client-" + org.tag;
        String ours = "olga." + org.tag + "@partner.example";
        String theirs = "otto." + org.tag + "@partner.example";
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Some client//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261211T100000Z\r\nDTEND:20261211T110000Z\r\nSEQUENCE:0\r\n"
                + "SUMMARY:Client call " + org.tag + "\r\nORGANIZER;CN=Bob:mailto:" + org.email("bob") + "\r\n"
                + "ATTENDEE;RSVP=TRUE:mailto:" + ours + "\r\nATTENDEE;SCHEDULE-AGENT=CLIENT:mailto:" + theirs + "\r\n"
                + "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:soon\r\nEND:VALARM\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        assertThat(bob.put(COMPANY + uid + ".ics", ics).statusCode()).isEqualTo(201);
        Calendar request = ical(calendarPart(received(ours, "Invitation: Client call " + org.tag), "text/calendar"));
        Component event = request.getComponent("VEVENT").orElseThrow();
        assertThat(value(event, "ORGANIZER")).isEqualTo("mailto:" + org.email("bob"));
        assertThat(event.getProperty("ATTENDEE").orElseThrow().getParameter("SCHEDULE-AGENT")).isEmpty();
        assertThat(((net.fortuna.ical4j.model.component.VEvent) event).getAlarms()).as("alarms are the organizer's").isEmpty();

        // the client retries its PUT (same bytes), then dismisses the alarm: attendees see no change
        assertThat(bob.put(COMPANY + uid + ".ics", ics).statusCode()).isEqualTo(204);
        String dismissed = ics.replace("TRIGGER:-PT15M", "TRIGGER:-PT5M");
        assertThat(bob.put(COMPANY + uid + ".ics", dismissed).statusCode()).isEqualTo(204);
        // a move the client did not number: the server numbers it above what it sent
        String moved = dismissed.replace("DTSTART:20261211T100000Z", "DTSTART:20261211T120000Z").replace("DTEND:20261211T110000Z",
                "DTEND:20261211T130000Z");
        assertThat(bob.put(COMPANY + uid + ".ics", moved).statusCode()).isEqualTo(204);
        Calendar update = ical(calendarPart(received(ours, "Updated invitation: Client call " + org.tag), "text/calendar"));
        assertThat(value(update.getComponent("VEVENT").orElseThrow(), "SEQUENCE")).isEqualTo("1");
        Thread.sleep(1500);
        assertThat(subjects(ours)).hasSize(2);
        assertThat(subjects(theirs)).as("SCHEDULE-AGENT=CLIENT: the client sends its own").isEmpty();
    }

    @Test
    void aReplyByEmailSetsTheAttendeesParticipationAsCaldavClientsSeeItAndLogsIt() throws Exception {
        long caseId = org.opportunity("Pilot", Map.of()).get("id").asLong();
        Map<String, Object> body = new HashMap<>(Map.of("title", "Pilot review " + org.tag, "start", "2026-12-14T09:00:00Z",
                "end", "2026-12-14T10:00:00Z", "caseId", caseId));
        body.put("attendees", List.of(Map.of("partnerId", org.contact)));
        JsonNode m = org.alice.ok(201, org.alice.post("/api/v1/meetings", ApiClient.json(body)));
        String href = m.get("davHref").asString();
        String uid = m.get("uid").asString();
        received(org.contactEmail, "Invitation: Pilot review " + org.tag);
        // a colleague joins: the event's SEQUENCE moves on, Hank is told nothing and his answer to SEQUENCE 0 still counts
        m = org.alice.ok(200, org.alice.patch("/api/v1/meetings/" + m.get("id").asLong(), ApiClient.json(Map.of("attendees",
                List.of(Map.of("partnerId", org.contact), Map.of("userId", org.bobId)))), "\"" + m.get("version").asInt() + "\""));
        DavHttp bob = org.dav("bob");
        HttpResponse<byte[]> before = bob.send("GET", href, null);
        assertThat(text(before)).contains("mailto:" + org.contactEmail);
        String tokenBefore = syncToken(bob);

        // from someone who is not the attendee: recorded, not applied
        String forged = "forged-" + org.tag + "@evil.example";
        assertThat(smtp("mallory@evil.example", reply(forged, "mallory@evil.example", uid, org.contactEmail, "DECLINED"))).startsWith("250");
        assertThat(decisionOf(forged).get("summary").asString()).contains("not applied").contains("not by the attendee");
        // for a UID that is no meeting: recorded, not applied, and no lead
        String unknown = "unknown-" + org.tag + "@globex.example";
        assertThat(smtp(org.contactEmail, reply(unknown, org.contactEmail, "no-such-uid-" + org.tag, org.contactEmail, "ACCEPTED")))
                .startsWith("250");
        JsonNode stray = decisionOf(unknown);
        assertThat(stray.get("summary").asString()).contains("not applied").contains("no meeting has UID");
        assertThat(stray.path("caseId").isNull() || stray.path("caseId").isMissingNode()).isTrue();
        assertThat(bob.send("GET", href, null).headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));

        String accepted = "accept-" + org.tag + "@globex.example";
        assertThat(smtp(org.contactEmail, reply(accepted, "Hank Scorpio <" + org.contactEmail + ">", uid, org.contactEmail, "ACCEPTED")))
                .startsWith("250");
        JsonNode decision = decisionOf(accepted);
        assertThat(decision.get("summary").asString()).contains("applied to meeting " + m.get("id").asLong()).doesNotContain("not applied");
        assertThat(decision.get("caseId").asLong()).isEqualTo(caseId);

        HttpResponse<byte[]> after = bob.send("GET", href, null);
        assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
        String stored = text(after).replace("\r\n ", "");
        assertThat(stored).containsPattern("ATTENDEE[^\\r\\n]*PARTSTAT=ACCEPTED[^\\r\\n]*:mailto:" + java.util.regex.Pattern.quote(org.contactEmail));
        assertThat(syncToken(bob)).as("clients see the change at their next sync").isNotEqualTo(tokenBefore);
        JsonNode history = org.alice.ok(200, org.alice.get("/api/v1/opportunities/" + caseId + "/history")).get("items");
        List<String> summaries = new ArrayList<>();
        history.forEach(e -> summaries.add(e.get("summary").asString()));
        assertThat(summaries).anyMatch(s -> s.equals("Hank Scorpio accepted: Pilot review " + org.tag));
        assertThat(org.admin.ok(200, org.admin.get("/api/v1/mail/decisions?kind=NEW_CASE&limit=1000")).toString())
                .doesNotContain(accepted).doesNotContain(unknown);
        // her PARTSTAT is no change attendees see: no new invitation goes out
        Thread.sleep(1000);
        assertThat(subjects(org.contactEmail)).hasSize(1);

        // the meeting moves (Hank gets SEQUENCE 2); a late answer to the first invitation is out of date
        m = org.alice.ok(200, org.alice.get("/api/v1/meetings/" + m.get("id").asLong()));
        org.alice.ok(200, org.alice.patch("/api/v1/meetings/" + m.get("id").asLong(), "{\"start\": \"2026-12-14T11:00:00Z\", "
                + "\"end\": \"2026-12-14T12:00:00Z\"}", "\"" + m.get("version").asInt() + "\""));
        received(org.contactEmail, "Updated invitation: Pilot review " + org.tag);
        String late = "late-" + org.tag + "@globex.example";
        assertThat(smtp(org.contactEmail, reply(late, org.contactEmail, uid, org.contactEmail, "DECLINED", 0))).startsWith("250");
        assertThat(decisionOf(late).get("summary").asString()).contains("not applied").contains("SEQUENCE 0");
        assertThat(text(bob.send("GET", href, null)).replace("\r\n ", "")).doesNotContain("PARTSTAT=DECLINED");
    }

    @Test
    void aReplyForOneOccurrenceOfASeriesGoesIntoThatOccurrenceOnly() throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Weekly sync " + org.tag, "start", "2026-12-14T09:00:00Z",
                "end", "2026-12-14T09:30:00Z", "recurrence", "FREQ=WEEKLY;COUNT=4"));
        body.put("attendees", List.of(Map.of("partnerId", org.contact)));
        JsonNode m = org.alice.ok(201, org.alice.post("/api/v1/meetings", ApiClient.json(body)));
        String href = m.get("davHref").asString();
        String uid = m.get("uid").asString();
        received(org.contactEmail, "Invitation: Weekly sync " + org.tag);
        DavHttp bob = org.dav("bob");

        // Hank declines the second meeting only, as Outlook and Thunderbird do: one VEVENT with RECURRENCE-ID
        String declined = "decline-one-" + org.tag + "@globex.example";
        assertThat(smtp(org.contactEmail, reply(declined, org.contactEmail, uid, org.contactEmail, "DECLINED", 0,
                "RECURRENCE-ID:20261221T090000Z"))).startsWith("250");
        assertThat(decisionOf(declined).get("summary").asString()).contains("applied to meeting").doesNotContain("not applied")
                .contains("declined: Weekly sync " + org.tag + " on 2026-12-21 09:00 UTC");
        String stored = text(bob.send("GET", href, null)).replace("\r\n ", "");
        String[] events = stored.split("BEGIN:VEVENT");
        assertThat(events).hasSize(3);
        String series = events[1].contains("RRULE") ? events[1] : events[2];
        String occurrence = events[1].contains("RRULE") ? events[2] : events[1];
        assertThat(occurrence).contains("RECURRENCE-ID:20261221T090000Z").contains("DTSTART:20261221T090000Z")
                .contains("DTEND:20261221T093000Z").containsPattern("PARTSTAT=DECLINED[^\\r\\n]*:mailto:"
                        + java.util.regex.Pattern.quote(org.contactEmail));
        assertThat(series).doesNotContain("PARTSTAT=DECLINED");

        // she changes her mind for that occurrence: the same override is updated, no second one
        String accepted = "accept-one-" + org.tag + "@globex.example";
        assertThat(smtp(org.contactEmail, reply(accepted, org.contactEmail, uid, org.contactEmail, "ACCEPTED", 0,
                "RECURRENCE-ID:20261221T090000Z"))).startsWith("250");
        assertThat(decisionOf(accepted).get("summary").asString()).doesNotContain("not applied");
        stored = text(bob.send("GET", href, null)).replace("\r\n ", "");
        assertThat(stored.split("RECURRENCE-ID").length - 1).isEqualTo(1);
        assertThat(stored).doesNotContain("PARTSTAT=DECLINED").contains("PARTSTAT=ACCEPTED");

        // her answers are no change to invite anyone again for
        Thread.sleep(1000);
        assertThat(subjects(org.contactEmail)).filteredOn(subject -> subject.contains("Weekly sync " + org.tag)).hasSize(1);

        // an answer for a time that is no occurrence (a Tuesday) is recorded, not applied
        String stray = "stray-one-" + org.tag + "@globex.example";
        assertThat(smtp(org.contactEmail, reply(stray, org.contactEmail, uid, org.contactEmail, "DECLINED", 0,
                "RECURRENCE-ID:20261222T090000Z"))).startsWith("250");
        assertThat(decisionOf(stray).get("summary").asString()).contains("not applied").contains("no occurrence");
    }

    // --- helpers

    private String reply(String messageId, String from, String uid, String attendee, String partStat) {
        return reply(messageId, from, uid, attendee, partStat, 0);
    }

    private String reply(String messageId, String from, String uid, String attendee, String partStat, int sequence) {
        return reply(messageId, from, uid, attendee, partStat, sequence, null);
    }

    private String reply(String messageId, String from, String uid, String attendee, String partStat, int sequence, String recurrenceId) {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Globex//Mail//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:" + uid
                + (recurrenceId == null ? "" : "\r\n" + recurrenceId)
                + "\r\nDTSTAMP:20261201T080000Z\r\nSEQUENCE:" + sequence + "\r\nDTSTART:20261214T090000Z\r\nORGANIZER:mailto:" + org.email("alice")
                + "\r\nATTENDEE;PARTSTAT=" + partStat + ";CN=Hank Scorpio:mailto:" + attendee + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        return "From: " + from + "\r\nTo: " + alias + "\r\nSubject: Accepted: Pilot review\r\nMessage-ID: <" + messageId + ">\r\n"
                + "Date: Tue, 01 Dec 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Hank Scorpio has accepted.\r\n--b1\r\nContent-Type: text/calendar; charset=utf-8; method=REPLY\r\n\r\n" + ics + "--b1--\r\n";
    }

    private String smtp(String from, String raw) throws IOException {
        try (SmtpClient client = new SmtpClient("127.0.0.1", gatewayPort)) {
            return client.send(from, alias, raw);
        }
    }

    private JsonNode decisionOf(String messageId) {
        JsonNode found = eventually(() -> {
            for (JsonNode d : org.admin.ok(200, org.admin.get("/api/v1/mail/decisions?limit=1000"))) {
                if (messageId.equals(d.path("messageId").asString(null))) {
                    return d;
                }
            }
            return null;
        });
        assertThat(found.get("kind").asString()).as(found.toString()).isEqualTo("ITIP_REPLY");
        return found;
    }

    private String syncToken(DavHttp dav) {
        String body = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:sync-token/></d:prop></d:propfind>";
        String xml = text(dav.send("PROPFIND", COMPANY, body.getBytes(StandardCharsets.UTF_8), "Depth", "0", "Content-Type", "application/xml"));
        int start = xml.indexOf("sync-token>") + "sync-token>".length();
        return xml.substring(start, xml.indexOf('<', start));
    }

    /** The message the relay received for this recipient whose subject, before " @ " and the time, is this (the relay is shared). */
    private static MimeMessage received(String to, String subject) {
        return eventually(() -> messagesTo(to).stream().filter(m -> subject.equals(subject(m))).findFirst().orElse(null));
    }

    private static List<String> subjects(String to) {
        return messagesTo(to).stream().map(MeetingSchedulingContract::subject).toList();
    }

    private static List<MimeMessage> messagesTo(String to) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : RELAY.getReceivedMessages()) {
            try {
                if (m.getAllRecipients() != null && java.util.Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(to))) {
                    out.add(m);
                }
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    private static String subject(MimeMessage m) {
        try {
            String subject = m.getSubject();
            return subject.contains(" @ ") ? subject.substring(0, subject.indexOf(" @ ")) : subject;
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The first part of this type, depth first. */
    private static Part calendarPart(Part p, String type) throws MessagingException, IOException {
        if (p.isMimeType(type)) {
            return p;
        }
        if (p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                try {
                    return calendarPart(child, type);
                } catch (AssertionError notHere) {
                    // next
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static Calendar ical(Part p) throws Exception {
        try (InputStream in = p.getInputStream()) {
            return new CalendarBuilder().build(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private static String value(Component c, String name) {
        return c.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
