package org.switchboard.server.calendar;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.server.api.ApiException;

/**
 * The iCalendar of a meeting made or changed through the API. A new meeting is a new VCALENDAR; a change
 * rewrites only the master VEVENT's properties the API owns and keeps everything else a client put there
 * (alarms, X- properties, time zones, overridden occurrences, an attendee's participation status).
 */
final class MeetingIcs {
    static final String PRODID = "-//Switchboard//CRM meetings//EN";
    /** The master VEVENT properties the API writes; the rest of the event is left as it was. */
    private static final String[] OWNED = {"DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "SUMMARY", "DTSTART", "DTEND", "DURATION", "LOCATION",
        "DESCRIPTION", "ORGANIZER", "ATTENDEE", "CATEGORIES", "STATUS", "RRULE", EventReading.CASE_PROPERTY, EventReading.PARTNER_PROPERTY};

    /** A calendar user: an address and a name. */
    record Person(String email, String name) {
    }

    private MeetingIcs() {
    }

    /**
     * @param stored    the bytes stored now, or null for a new meeting
     * @param organizer null when the organizer has no address
     */
    static byte[] write(byte[] stored, String uid, MeetingDraft d, Person organizer, List<Person> attendees, Instant now) {
        Calendar calendar;
        Component master;
        int sequence = 0;
        if (stored == null) {
            calendar = new Calendar();
            calendar.add(new ProdId(PRODID));
            calendar.add(ImmutableVersion.VERSION_2_0);
            master = new VEvent(false);
            master.add(new Uid(uid));
            calendar.add((VEvent) master);
        } else {
            try {
                calendar = ICalObject.parse(stored).calendar();
            } catch (InvalidObjectException e) {
                throw ApiException.conflict("the meeting's stored event no longer parses (" + e.getMessage() + "): edit it in a calendar client");
            }
            master = calendar.getComponents("VEVENT").stream().filter(c -> c.getProperty("RECURRENCE-ID").isEmpty()).findFirst()
                    .orElseThrow(() -> ApiException.conflict("the meeting's stored event has no master VEVENT"));
            sequence = master.getProperty("SEQUENCE").map(p -> parseInt(p.getValue()) + 1).orElse(1);
        }
        Map<String, Property> keptAttendees = new HashMap<>();
        for (Property p : master.getProperties("ATTENDEE")) {
            String email = EventReading.address(p.getValue());
            if (email != null) {
                keptAttendees.putIfAbsent(email, p);
            }
        }
        master.removeAll(OWNED);
        master.add(new DtStamp(now));
        master.add(new LastModified(now));
        master.add(new Sequence(sequence));
        master.add(new Summary(d.title));
        if (d.allDay) {
            master.add(new DtStart<>(LocalDate.ofInstant(d.start, ZoneOffset.UTC)));
            master.add(new DtEnd<>(LocalDate.ofInstant(d.end, ZoneOffset.UTC)));
        } else {
            master.add(new DtStart<>(d.start));
            master.add(new DtEnd<>(d.end));
        }
        if (d.location != null) {
            master.add(new Location(d.location));
        }
        if (d.description != null) {
            master.add(new Description(d.description));
        }
        if (organizer != null) {
            master.add(person(new Organizer(mailto(organizer.email())), organizer.name()));
        }
        for (Person a : attendees) {
            Property kept = keptAttendees.get(EventReading.address("mailto:" + a.email()));
            master.add(kept != null ? kept : person(new Attendee(mailto(a.email())), a.name()));
        }
        if (!d.categories.isEmpty()) {
            master.add(new Categories(String.join(",", d.categories.stream().map(c -> c.replace(",", " ")).toList())));
        }
        master.add(new Status(d.state == MeetingState.CANCELLED ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        if (d.recurrence != null) {
            try {
                master.add(new RRule<>(d.recurrence));
            } catch (RuntimeException e) {
                throw ApiException.invalid("recurrence", "recurrence must be an iCalendar RRULE like FREQ=WEEKLY;COUNT=10: " + e.getMessage());
            }
        }
        if (d.caseId != null) {
            master.add(new XProperty(EventReading.CASE_PROPERTY, String.valueOf(d.caseId)));
        }
        if (d.partnerId != null) {
            master.add(new XProperty(EventReading.PARTNER_PROPERTY, String.valueOf(d.partnerId)));
        }
        return calendar.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Property person(Property p, String name) {
        if (name != null) {
            p.add(new Cn(name));
        }
        return p;
    }

    private static URI mailto(String email) {
        return URI.create("mailto:" + email);
    }

    private static int parseInt(String s) {
        try {
            return Math.max(0, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
