package org.switchboard.server.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.ical.Temporals;
import org.switchboard.server.mail.OutboxQueue;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.storage.ColumnText;
import org.switchboard.server.storage.Sha256;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * Scheduling by email (iMIP, RFC 6047) for the company calendar's meetings: external attendees — addresses
 * that are no user's, partner contacts among them — get a REQUEST when they are invited or what they see
 * changes, and a CANCEL when they are removed or the meeting is cancelled or deleted. Called by
 * {@link MeetingFollower} inside the event write's transaction, whoever wrote it (API, web calendar,
 * CalDAV client), so the messages are queued in the outbox if and only if the write commits.
 *
 * <p>{@code meeting_invitation} keeps per attendee the SEQUENCE and the digest of what was last sent: the
 * same write repeated (a client retrying a PUT) or a change the attendee does not see (an alarm, a
 * PARTSTAT) sends nothing, and no two messages for one attendee carry the same SEQUENCE. Attendees whose
 * ATTENDEE has {@code SCHEDULE-AGENT=CLIENT} or {@code NONE} are left to the client (RFC 6638 §7.1), as is
 * every attendee when the ORGANIZER has {@code SCHEDULE-AGENT=CLIENT}; an event organized by someone who is
 * no user (an invitation a user copied into the company calendar) is not ours to schedule.
 */
@org.springframework.stereotype.Component
class MeetingInvitations {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingInvitations.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** What an attendee sees of the event: a change to any of these is sent to her (with SEQUENCE + 1). */
    private static final String[] SEEN = {"SUMMARY", "DTSTART", "DTEND", "DURATION", "LOCATION", "DESCRIPTION", "RRULE", "RDATE", "EXDATE",
        "RECURRENCE-ID", "STATUS"};

    private final JdbcClient jdbc;
    private final OutboxQueue outbox;
    private final UserRepository users;

    MeetingInvitations(JdbcClient jdbc, OutboxQueue outbox, UserRepository users) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.users = users;
    }

    /** What was last sent to one attendee. */
    private record Sent(String address, int sequence, String digest, boolean cancelled) {
    }

    /** Events larger than this are not sent by email (the outbox column's size; mail relays refuse far less anyway). */
    private static final int MAX_ICS_CHARS = 1_000_000;

    /**
     * The event {@code data} of meeting {@code m} was written (created or changed). Like the derivation, it never
     * fails the write for the event's sake: what cannot be sent is logged and left.
     */
    void written(SwitchboardUser actor, Meeting m, byte[] data) {
        if (data.length > MAX_ICS_CHARS) {
            LOG.warn("meeting {} is too large to send by email ({} bytes): no invitations", m.uid(), data.length);
            return;
        }
        Map<String, Sent> sent = sent(m.uid());
        boolean anyExternal = m.attendees().stream().anyMatch(a -> a.userId() == null);
        if ((!anyExternal && sent.isEmpty()) || !outbox.enabled()) {
            return;
        }
        Optional<MeetingIcs.Person> organizer = organizer(m);
        if (organizer.isEmpty()) {
            LOG.info("meeting {} has external attendees but its organizer has no email address: no invitations sent", m.uid());
            return;
        }
        Component master;
        List<Component> events;
        try {
            ICalObject ical = ICalObject.parse(data);
            events = ical.components();
            master = events.stream().filter(c -> c.getProperty("RECURRENCE-ID").isEmpty()).findFirst().orElse(events.get(0));
        } catch (InvalidObjectException e) {
            return; // the follower already treats it as no meeting
        }
        Optional<Property> organizerProperty = master.getProperty("ORGANIZER");
        if (organizerProperty.isPresent()) {
            String address = EventReading.address(organizerProperty.get().getValue());
            if (!organizer.get().email().equals(address) || clientSchedules(organizerProperty.get())) {
                return;
            }
        }
        // The attendees we schedule, and those a client schedules itself (neither invited nor cancelled by us).
        Map<String, Property> ours = new LinkedHashMap<>();
        List<String> clients = new ArrayList<>();
        for (Property p : master.getProperties("ATTENDEE")) {
            String address = EventReading.address(p.getValue());
            if (address == null || address.equals(organizer.get().email())) {
                continue;
            }
            if (clientSchedules(p)) {
                clients.add(address);
            } else if (m.attendees().stream().anyMatch(a -> a.userId() == null && address.equals(a.email()))) {
                ours.putIfAbsent(address, p);
            }
        }
        int stored = sequence(master);
        Instant now = Instant.now();
        if (m.state() == MeetingState.CANCELLED) {
            cancel(actor, m, organizer.get(), sent.values().stream().filter(s -> !s.cancelled()).toList(), stored, now);
            return;
        }
        String digest = digest(events);
        for (String address : ours.keySet()) {
            Sent last = sent.get(address);
            if (last != null && !last.cancelled() && last.digest().equals(digest)) {
                continue;
            }
            int sequence = last == null ? stored : Math.max(stored, last.sequence() + 1);
            String ics;
            try {
                ics = ItipMessages.request(data, sequence, organizer.get(), now);
            } catch (InvalidObjectException | RuntimeException e) {
                LOG.warn("meeting {}: no invitation could be made of its event: {}", m.uid(), e.getMessage());
                return;
            }
            String subject = (last == null || last.cancelled() ? "Invitation: " : "Updated invitation: ") + m.title() + " @ " + when(m);
            long outboxId = queue(actor, m, organizer.get(), address, subject, text(m, organizer.get(), last != null && !last.cancelled()),
                    new OutboxQueue.Calendar("REQUEST", ics));
            save(m.uid(), address, sequence, digest, false, outboxId, last != null);
        }
        List<Sent> removed = sent.values().stream()
                .filter(s -> !s.cancelled() && !ours.containsKey(s.address()) && !clients.contains(s.address())).toList();
        cancel(actor, m, organizer.get(), removed, stored, now);
    }

    /** The meeting's event was deleted: everyone still invited is told it is cancelled. */
    void deleted(SwitchboardUser actor, Meeting m) {
        Map<String, Sent> sent = sent(m.uid());
        if (!sent.isEmpty() && outbox.enabled()) {
            organizer(m).ifPresent(o -> cancel(actor, m, o, sent.values().stream().filter(s -> !s.cancelled()).toList(), 0, Instant.now()));
        }
        jdbc.sql("DELETE FROM meeting_invitation WHERE uid = ?").param(m.uid()).update();
    }

    private void cancel(SwitchboardUser actor, Meeting m, MeetingIcs.Person organizer, List<Sent> to, int stored, Instant now) {
        for (Sent s : to) {
            int sequence = Math.max(stored, s.sequence() + 1);
            String ics = ItipMessages.cancel(m, sequence, organizer, List.of(s.address()), now);
            long outboxId = queue(actor, m, organizer, s.address(), "Cancelled: " + m.title() + " @ " + when(m),
                    "This meeting has been cancelled:\n\n" + text(m, organizer, false), new OutboxQueue.Calendar("CANCEL", ics));
            save(m.uid(), s.address(), sequence, s.digest(), true, outboxId, true);
        }
    }

    /**
     * From the organizer, as she is the ORGANIZER: RFC 6047 §3 has the message come from the one who
     * schedules, and attendees' clients answer the ORGANIZER. Not {@code Auto-Submitted}: a person planned
     * this meeting, and RFC 3834 would tell the attendee's systems not to respond to it — the very REPLY it asks for.
     */
    private long queue(SwitchboardUser actor, Meeting m, MeetingIcs.Person organizer, String to, String subject, String body,
            OutboxQueue.Calendar calendar) {
        return outbox.queue(new OutboxQueue.NewMessage(m.caseId(), actor == null ? m.organizerId() : Long.valueOf(actor.id()),
                organizer.email(), organizer.name(), List.of(to), List.of(), ColumnText.shorten(subject.replaceAll("[\\r\\n\\x00]", " "), 998),
                ColumnText.shorten(body, 100_000), null, null, List.of(), calendar)).id();
    }

    private Optional<MeetingIcs.Person> organizer(Meeting m) {
        if (m.organizerId() == null) {
            return Optional.empty();
        }
        return users.find(m.organizerId()).filter(u -> u.email() != null).flatMap(u -> Optional.ofNullable(EventReading.address("mailto:" + u.email()))
                .map(address -> new MeetingIcs.Person(address, displayName(u))));
    }

    private static String displayName(User u) {
        return u.displayName() == null || u.displayName().isBlank() ? null : u.displayName();
    }

    /** The SEQUENCE of the last REQUEST or CANCEL this attendee was sent, if we sent her any. */
    Optional<Integer> sentSequence(String uid, String address) {
        return jdbc.sql("SELECT sequence FROM meeting_invitation WHERE uid = ? AND address = ?").params(uid, address).query(Integer.class)
                .optional();
    }

    private Map<String, Sent> sent(String uid) {
        Map<String, Sent> sent = new HashMap<>();
        jdbc.sql("SELECT address, sequence, digest, cancelled FROM meeting_invitation WHERE uid = ?").param(uid)
                .query((rs, n) -> new Sent(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4))).list()
                .forEach(s -> sent.put(s.address(), s));
        return sent;
    }

    // Writers of the company calendar take its lock (DavWriteListener), so no two writes race on these rows.
    private void save(String uid, String address, int sequence, String digest, boolean cancelled, long outboxId, boolean exists) {
        if (exists) {
            jdbc.sql("UPDATE meeting_invitation SET sequence = ?, digest = ?, cancelled = ?, outbox_id = ?, updated_at = CURRENT_TIMESTAMP "
                    + "WHERE uid = ? AND address = ?").params(sequence, digest, cancelled, outboxId, uid, address).update();
        } else {
            jdbc.sql("INSERT INTO meeting_invitation (uid, address, sequence, digest, cancelled, outbox_id) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(uid, address, sequence, digest, cancelled, outboxId).update();
        }
    }

    /** RFC 6638 §7.1: SCHEDULE-AGENT=CLIENT (or NONE) says the client, not the server, sends this person's messages. */
    private static boolean clientSchedules(Property p) {
        return p.getParameter("SCHEDULE-AGENT").map(a -> a.getValue().toUpperCase(Locale.ROOT))
                .filter(v -> v.equals("CLIENT") || v.equals("NONE")).isPresent();
    }

    private static int sequence(Component c) {
        try {
            return c.getProperty("SEQUENCE").map(p -> Math.max(0, Integer.parseInt(p.getValue().strip()))).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * SHA-256 of what the attendee sees, over every VEVENT (overridden occurrences too), leaving out overrides
     * that show an occurrence as the series does: one made to hold an attendee's answer for that occurrence
     * (MeetingReplies) is no change to tell the attendees of.
     */
    private static String digest(List<Component> events) {
        Component master = events.stream().filter(c -> c.getProperty("RECURRENCE-ID").isEmpty()).findFirst().orElse(null);
        StringBuilder seen = new StringBuilder();
        for (Component c : events) {
            if (master != null && c != master && showsAsTheSeries(master, c)) {
                continue;
            }
            for (String name : SEEN) {
                for (Property p : c.getProperties(name)) {
                    seen.append(p).append('\n'); // name, parameters (TZID) and value
                }
            }
            seen.append("--\n");
        }
        return Sha256.hex(seen.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An override at its own occurrence's time, as long as the series' instances, with the series' texts and status. */
    private static boolean showsAsTheSeries(Component master, Component override) {
        Instant recurrenceId = ICalObject.recurrenceIdOf(override);
        Instant start = Temporals.toInstant(ICalObject.date(override, "DTSTART"));
        if (recurrenceId == null || !recurrenceId.equals(start) || !length(master).equals(length(override))) {
            return false;
        }
        for (String name : List.of("SUMMARY", "LOCATION", "DESCRIPTION", "STATUS", "DURATION")) {
            if (!master.getProperties(name).toString().equals(override.getProperties(name).toString())) {
                return false;
            }
        }
        return true;
    }

    private static java.time.Duration length(Component c) {
        Instant start = Temporals.toInstant(ICalObject.date(c, "DTSTART"));
        Instant end = Temporals.toInstant(ICalObject.date(c, "DTEND"));
        return start == null || end == null ? java.time.Duration.ZERO : java.time.Duration.between(start, end);
    }

    private static String when(Meeting m) {
        return m.allDay() ? LocalDate.ofInstant(m.start(), ZoneOffset.UTC).toString() : WHEN.format(m.start());
    }

    private static String text(Meeting m, MeetingIcs.Person organizer, boolean update) {
        StringBuilder b = new StringBuilder();
        b.append(update ? "The meeting has changed:\n\n" : "").append(m.title()).append("\n\nWhen: ").append(when(m));
        if (m.recurrence() != null) {
            b.append(" (repeats: ").append(m.recurrence()).append(')');
        }
        if (m.location() != null) {
            b.append("\nWhere: ").append(m.location());
        }
        b.append("\nOrganizer: ").append(organizer.name() == null ? organizer.email() : organizer.name() + " <" + organizer.email() + ">");
        if (m.description() != null) {
            b.append("\n\n").append(m.description());
        }
        return b.append('\n').toString();
    }
}
