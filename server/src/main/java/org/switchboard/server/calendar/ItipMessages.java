package org.switchboard.server.calendar;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;

/**
 * The iTIP messages (RFC 5546) a meeting's external attendees get by email: a REQUEST is the stored event
 * as the attendee should have it, a CANCEL names the event by UID. Both carry the SEQUENCE the invitation
 * rows decided and a DTSTAMP of now (RFC 5546 §2.1.5: the attendee orders messages by these).
 */
final class ItipMessages {
    /** Parameters that steer our own scheduling (RFC 6638 §7) and mean nothing to the recipient. */
    private static final String[] SCHEDULING_PARAMETERS = {"SCHEDULE-AGENT", "SCHEDULE-STATUS", "SCHEDULE-FORCE-SEND"};

    private ItipMessages() {
    }

    /**
     * The stored event as an iTIP REQUEST: METHOD:REQUEST, every VEVENT with this SEQUENCE and a new DTSTAMP,
     * without alarms (they are the organizer's own) and without our X-SWITCHBOARD links (CRM ids are none of
     * the attendee's business); the ORGANIZER added when the stored event has none.
     */
    static String request(byte[] stored, int sequence, MeetingIcs.Person organizer, Instant now) throws InvalidObjectException {
        Calendar calendar = ICalObject.parse(stored).calendar();
        calendar.removeAll("METHOD");
        calendar.add(new Method(Method.VALUE_REQUEST));
        for (Component c : calendar.getComponents("VEVENT")) {
            VEvent event = (VEvent) c;
            for (Component alarm : List.copyOf(event.getAlarms())) {
                event.remove(alarm);
            }
            event.removeAll("SEQUENCE", "DTSTAMP", EventReading.CASE_PROPERTY, EventReading.PARTNER_PROPERTY);
            event.add(new Sequence(sequence));
            event.add(new DtStamp(now));
            if (event.getProperty("ORGANIZER").isEmpty()) {
                event.add(person(new Organizer(mailto(organizer.email())), organizer.name()));
            }
            for (Property p : event.getProperties("ORGANIZER", "ATTENDEE")) {
                p.removeAll(SCHEDULING_PARAMETERS);
            }
        }
        return calendar.toString();
    }

    /**
     * A CANCEL of the whole event for these attendees (RFC 5546 §3.2.5): UID, SEQUENCE, ORGANIZER, the
     * attendees it is for, STATUS:CANCELLED, and the title and first start so a mail reader can say what went.
     */
    static String cancel(Meeting m, int sequence, MeetingIcs.Person organizer, List<String> attendees, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(MeetingIcs.PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new Method(Method.VALUE_CANCEL));
        VEvent event = new VEvent(false);
        event.add(new Uid(m.uid()));
        event.add(new DtStamp(now));
        event.add(new Sequence(sequence));
        event.add(person(new Organizer(mailto(organizer.email())), organizer.name()));
        for (String a : attendees) {
            event.add(new Attendee(mailto(a)));
        }
        event.add(new Summary(m.title()));
        if (m.allDay()) {
            event.add(new DtStart<>(LocalDate.ofInstant(m.start(), ZoneOffset.UTC)));
            event.add(new DtEnd<>(LocalDate.ofInstant(m.end(), ZoneOffset.UTC)));
        } else {
            event.add(new DtStart<>(m.start()));
            event.add(new DtEnd<>(m.end()));
        }
        event.add(new Status(Status.VALUE_CANCELLED));
        calendar.add(event);
        return calendar.toString();
    }

    private static Property person(Property p, String name) {
        if (name != null && !name.isBlank()) {
            p.add(new Cn(name));
        }
        return p;
    }

    private static URI mailto(String email) {
        return URI.create("mailto:" + email);
    }
}
