package org.switchboard.server.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.parameter.PartStat;
import org.springframework.stereotype.Service;
import org.switchboard.dav.DavObjects;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.WriteCondition;
import org.switchboard.dav.spi.WriteResult;
import org.switchboard.server.dav.DavObjectStore;
import org.switchboard.server.history.HistoryEntry.Change;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.storage.ColumnText;

/**
 * An attendee's iTIP REPLY (RFC 5546 §3.2.3) that arrived by email: her PARTSTAT is written into the
 * meeting's stored event through the DAV store (new ETag, the company calendar's sync token moves, clients
 * see it at their next sync), and a MEETING entry goes to the meeting's case and partner. Runs in the
 * routing transaction of the message that carried it.
 *
 * <p>Not applied, and said why in the outcome (which the mail routing records): an unreadable calendar, a UID
 * that is no meeting of the company calendar, a sender who is not the attendee the REPLY names (RFC 6047
 * §3: anyone can write an iCalendar, only her mail is hers), an attendee the meeting does not have, an answer
 * to an older SEQUENCE than the last one she was sent, an answer for a time that is no occurrence of the
 * meeting. An answer for one occurrence (RECURRENCE-ID, what a client sends when she declines one meeting of a
 * series) goes into the event's override for that occurrence, made from the series when it has none yet.
 */
@Service
public class MeetingReplies {
    private static final List<String> STATUSES = List.of("ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED", "NEEDS-ACTION");
    private static final int ATTEMPTS = 3;
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);
    private final DavObjectStore store;
    private final MeetingRepository meetings;
    private final HistoryRepository history;
    private final MeetingInvitations invitations;

    MeetingReplies(DavObjectStore store, MeetingRepository meetings, HistoryRepository history, MeetingInvitations invitations) {
        this.invitations = invitations;
        this.store = store;
        this.meetings = meetings;
        this.history = history;
    }

    /** What became of a REPLY: applied or not, the meeting's case if any, and a line for the routing log. */
    public record Outcome(boolean applied, Long caseId, String summary) {
        static Outcome refused(String why) {
            return new Outcome(false, null, "calendar reply not applied: " + why);
        }
    }

    /** The answer the REPLY gives: who, for which event, and what for the series and/or single occurrences. */
    private record Answer(String uid, String attendee, List<Part> parts) {
    }

    /** One VEVENT of the REPLY: the series ({@code recurrenceId} null) or the occurrence starting then. */
    private record Part(Instant recurrenceId, String partStat, int sequence) {
    }

    public Outcome apply(SwitchboardUser author, Optional<String> sender, byte[] ics) {
        Answer answer;
        try {
            answer = read(ics);
        } catch (InvalidObjectException e) {
            return Outcome.refused("unreadable iCalendar (" + e.getMessage() + ")");
        } catch (NoAnswer e) {
            return Outcome.refused(e.getMessage());
        }
        String from = sender.map(s -> EventReading.address("mailto:" + s)).orElse(null);
        if (!answer.attendee().equals(from)) {
            return Outcome.refused("sent by " + (from == null ? "nobody" : from) + ", not by the attendee " + answer.attendee()
                    + " it answers for");
        }
        Optional<Long> calendar = store.collectionId(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS);
        Optional<StoredMeeting> meeting = calendar.flatMap(id -> meetings.findByUid(id, answer.uid()));
        if (meeting.isEmpty()) {
            return Outcome.refused("no meeting has UID " + answer.uid());
        }
        for (int attempt = 1; ; attempt++) {
            StoredMeeting m = meetings.find(meeting.get().meeting().id()).orElse(null);
            if (m == null) {
                return Outcome.refused("meeting " + meeting.get().meeting().id() + " was deleted");
            }
            Optional<Outcome> done = write(author, m, answer);
            if (done.isPresent()) {
                return done.get();
            }
            if (attempt == ATTEMPTS) {
                // the event keeps changing under us: the message is routed again later (SpoolRouter retries)
                throw new IllegalStateException("meeting " + m.meeting().id() + " changed " + ATTEMPTS + " times while its reply was applied");
            }
        }
    }

    /** Why a readable iCalendar is no REPLY we can apply. */
    private static final class NoAnswer extends Exception {
        NoAnswer(String why) {
            super(why, null, false, false);
        }
    }

    /** The reply's answers: for the series, for single occurrences (RECURRENCE-ID), or both. */
    private static Answer read(byte[] ics) throws InvalidObjectException, NoAnswer {
        ICalObject reply = ICalObject.parse(ics);
        String method = reply.calendar().getProperty("METHOD").map(Property::getValue).orElse("");
        if (!"REPLY".equalsIgnoreCase(method.strip())) {
            throw new NoAnswer("METHOD is " + method + ", not REPLY");
        }
        if (!"VEVENT".equals(reply.componentType())) {
            throw new NoAnswer("it answers a " + reply.componentType() + ", not an event");
        }
        String attendee = null;
        List<Part> parts = new ArrayList<>();
        for (Component c : reply.components()) {
            List<Property> attendees = c.getProperties("ATTENDEE");
            if (attendees.size() != 1) {
                throw new NoAnswer("a REPLY names exactly one ATTENDEE, this one " + attendees.size());
            }
            String address = EventReading.address(attendees.get(0).getValue());
            String partStat = attendees.get(0).getParameter("PARTSTAT").map(p -> p.getValue().toUpperCase(Locale.ROOT)).orElse("");
            if (address == null || !STATUSES.contains(partStat)) {
                throw new NoAnswer("the ATTENDEE has no mailto address or no known PARTSTAT");
            }
            if (attendee != null && !attendee.equals(address)) {
                throw new NoAnswer("a REPLY answers for one attendee, this one for " + attendee + " and " + address);
            }
            attendee = address;
            parts.add(new Part(ICalObject.recurrenceIdOf(c), partStat, sequence(c)));
        }
        return new Answer(reply.uid(), attendee, parts);
    }

    /** Writes the answer into the stored event; empty when the event changed meanwhile (try again). */
    private Optional<Outcome> write(SwitchboardUser author, StoredMeeting m, Answer answer) {
        Optional<DavObject> current = store.get(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS, m.objectName());
        if (current.isEmpty()) {
            return Optional.of(Outcome.refused("meeting " + m.meeting().id() + " has no event any more"));
        }
        ICalObject stored;
        try {
            stored = ICalObject.parse(current.get().data());
        } catch (InvalidObjectException e) {
            return Optional.of(Outcome.refused("the meeting's stored event no longer parses"));
        }
        Calendar calendar = stored.calendar();
        List<Component> events = new ArrayList<>(calendar.<net.fortuna.ical4j.model.component.CalendarComponent>getComponents("VEVENT"));
        Component master = events.stream().filter(c -> c.getProperty("RECURRENCE-ID").isEmpty()).findFirst().orElse(null);
        if (master == null) {
            return Optional.of(Outcome.refused("the meeting's stored event has no master VEVENT"));
        }
        // RFC 5546 §2.1.5: an answer to an older invitation than the one she was sent last is out of date. Compared with
        // what she was sent, not with the stored event: an edit she was not told about (another attendee added) bumps that.
        int lastSent = invitations.sentSequence(m.meeting().uid(), answer.attendee()).orElse(0);
        int answered = answer.parts().stream().mapToInt(Part::sequence).min().orElse(0);
        if (answered < lastSent) {
            return Optional.of(Outcome.refused(answer.attendee() + " answered SEQUENCE " + answered + ", she was sent " + lastSent + " since"));
        }
        if (attendee(master, answer.attendee()) == null) {
            return Optional.of(Outcome.refused(answer.attendee() + " is not an attendee of meeting " + m.meeting().id()));
        }
        Meeting meeting = m.meeting();
        List<Change> changes = new ArrayList<>();
        for (Part part : answer.parts()) {
            Optional<String> refused = part.recurrenceId() == null ? answerSeries(events, master, answer.attendee(), part, changes)
                    : answerOccurrence(stored, calendar, events, master, answer.attendee(), part, changes);
            if (refused.isPresent()) {
                return Optional.of(Outcome.refused(refused.get() + " (meeting " + meeting.id() + ")"));
            }
        }
        Part first = answer.parts().get(0);
        String summary = name(meeting, answer.attendee()) + " " + verb(first.partStat()) + ": " + meeting.title()
                + (first.recurrenceId() == null ? "" : " on " + when(first.recurrenceId()));
        if (!changes.isEmpty()) {
            DavObject object;
            try {
                object = DavObjects.calendarObject(m.objectName(), calendar.toString().getBytes(StandardCharsets.UTF_8), MeetingService.MAX_INSTANCES);
            } catch (InvalidObjectException e) {
                return Optional.of(Outcome.refused("the changed event would not be valid: " + e.getMessage()));
            }
            WriteResult r = store.put(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS, object, new WriteCondition(m.etag(), false));
            if (r.status() == WriteResult.Status.PRECONDITION_FAILED) {
                return Optional.empty();
            }
            if (meeting.caseId() != null || meeting.partnerId() != null) {
                history.append(new HistoryRepository.NewEntry(meeting.caseId(), meeting.partnerId(), meeting.contactId(), author.id(),
                        HistoryKind.MEETING, ColumnText.shorten(summary, 1000), null, changes));
            }
        }
        return Optional.of(new Outcome(true, meeting.caseId(), ColumnText.shorten("calendar reply applied to meeting " + meeting.id() + ": "
                + summary + (changes.isEmpty() ? " (no change)" : ""), 2000)));
    }

    /** Her answer for the whole series: her PARTSTAT in the series and in every override that lists her. */
    private static Optional<String> answerSeries(List<Component> events, Component master, String address, Part part, List<Change> changes) {
        String before = partStat(attendee(master, address));
        if (!before.equals(part.partStat())) {
            for (Component c : events) {
                Property p = attendee(c, address);
                if (p != null) {
                    p.replace(new PartStat(part.partStat()));
                }
            }
            changes.add(new Change("participation of " + address, before, part.partStat()));
        }
        return Optional.empty();
    }

    /**
     * Her answer for one occurrence (RFC 5546 §3.2.3: a REPLY with RECURRENCE-ID): written into the event's
     * override for that occurrence, made from the series when there is none yet.
     */
    private static Optional<String> answerOccurrence(ICalObject stored, Calendar calendar, List<Component> events, Component master,
            String address, Part part, List<Change> changes) {
        Component occurrence = OccurrenceOverride.existing(events, part.recurrenceId()).orElse(null);
        if (occurrence == null) {
            occurrence = OccurrenceOverride.create(stored, master, part.recurrenceId()).orElse(null);
            if (occurrence == null) {
                return Optional.of(address + " answered for " + when(part.recurrenceId()) + ", which is no occurrence");
            }
            calendar.add((net.fortuna.ical4j.model.component.CalendarComponent) occurrence);
            events.add(occurrence);
        }
        Property theirs = attendee(occurrence, address);
        if (theirs == null) {
            return Optional.of(address + " is not an attendee of the occurrence on " + when(part.recurrenceId()));
        }
        String before = partStat(theirs);
        if (!before.equals(part.partStat())) {
            theirs.replace(new PartStat(part.partStat()));
            changes.add(new Change("participation of " + address + " on " + when(part.recurrenceId()), before, part.partStat()));
        }
        return Optional.empty();
    }

    private static Property attendee(Component c, String address) {
        return c.getProperties("ATTENDEE").stream().filter(p -> address.equals(EventReading.address(p.getValue()))).findFirst().orElse(null);
    }

    private static String partStat(Property attendee) {
        return attendee.getParameter("PARTSTAT").map(p -> p.getValue().toUpperCase(Locale.ROOT)).orElse("NEEDS-ACTION");
    }

    private static String when(Instant occurrence) {
        return WHEN.format(occurrence);
    }

    private static String name(Meeting m, String address) {
        return m.attendees().stream().filter(a -> address.equals(a.email()) && a.name() != null).map(MeetingAttendee::name).findFirst()
                .orElse(address);
    }

    private static String verb(String partStat) {
        return switch (partStat) {
            case "ACCEPTED" -> "accepted";
            case "DECLINED" -> "declined";
            case "TENTATIVE" -> "tentatively accepted";
            case "DELEGATED" -> "delegated";
            default -> "has not decided on";
        };
    }

    private static int sequence(Component c) {
        try {
            return c.getProperty("SEQUENCE").map(p -> Math.max(0, Integer.parseInt(p.getValue().strip()))).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
