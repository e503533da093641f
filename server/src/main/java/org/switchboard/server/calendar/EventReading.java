package org.switchboard.server.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.ical.Temporals;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.storage.ColumnText;

/**
 * What the CRM reads from a VEVENT object of the company calendar: the master component's summary,
 * times, place, people, categories, status and rule, and our two X- properties linking it to a case and a
 * partner. The bytes were validated by the engine (size, syntax, one UID, bounded recurrence) before any
 * of this runs; texts are cut to the column sizes and at most {@link #MAX_ATTENDEES} attendees are read,
 * so an odd client event never fails a write.
 */
record EventReading(String uid, String title, Instant start, Instant end, boolean allDay, Instant lastEnd, String location,
        String description, String organizerEmail, List<Attendee> attendees, List<String> categories, MeetingState state,
        String recurrence, Long caseId, Long partnerId) {
    static final String CASE_PROPERTY = "X-SWITCHBOARD-CASE";
    static final String PARTNER_PROPERTY = "X-SWITCHBOARD-PARTNER";
    static final int MAX_ATTENDEES = 200;
    private static final Logger LOG = LoggerFactory.getLogger(EventReading.class);

    /** An ATTENDEE: its address (lower case, without {@code mailto:}) and CN. */
    record Attendee(String email, String name) {
    }

    /** The reading of an event; empty for anything else (a task, an event without DTSTART). */
    static Optional<EventReading> of(DavObject object) {
        ICalObject ical;
        try {
            ical = ICalObject.parse(object.data());
        } catch (InvalidObjectException e) {
            LOG.warn("calendar object {} no longer parses, so it is no meeting: {}", object.name(), e.getMessage());
            return Optional.empty();
        }
        if (!"VEVENT".equals(ical.componentType())) {
            return Optional.empty();
        }
        Component master = ical.components().stream().filter(c -> c.getProperty("RECURRENCE-ID").isEmpty()).findFirst()
                .orElse(ical.components().get(0));
        Temporal startValue = ICalObject.date(master, "DTSTART");
        if (startValue == null) {
            return Optional.empty();
        }
        boolean allDay = Temporals.isDate(startValue);
        Instant start = Temporals.toInstant(startValue);
        Instant end = end(master, startValue, start, allDay);
        Instant lastEnd = object.index() == null ? end : object.index().lastEnd();
        String title = text(master, "SUMMARY", 200);
        List<Attendee> attendees = new ArrayList<>();
        for (Property p : master.getProperties("ATTENDEE")) {
            if (attendees.size() == MAX_ATTENDEES) {
                break;
            }
            String email = address(p.getValue());
            if (email != null) {
                attendees.add(new Attendee(email, ColumnText.shorten(p.getParameter("CN").map(n -> n.getValue()).orElse(null), 200)));
            }
        }
        List<String> categories = new ArrayList<>();
        for (Property p : master.getProperties("CATEGORIES")) {
            for (String c : p.getValue().split(",")) {
                if (!c.isBlank() && categories.size() < 20) {
                    categories.add(ColumnText.shorten(c.strip(), 64));
                }
            }
        }
        String status = master.getProperty("STATUS").map(Property::getValue).orElse("");
        return Optional.of(new EventReading(ical.uid(), title == null ? "(no title)" : title, start, end, allDay, lastEnd,
                text(master, "LOCATION", 500), text(master, "DESCRIPTION", 100_000),
                master.getProperty("ORGANIZER").map(p -> address(p.getValue())).orElse(null), attendees, categories,
                "CANCELLED".equalsIgnoreCase(status) ? MeetingState.CANCELLED : MeetingState.CONFIRMED,
                master.getProperty("RRULE").map(p -> ColumnText.shorten(p.getValue(), 1000)).orElse(null),
                id(master, CASE_PROPERTY), id(master, PARTNER_PROPERTY)));
    }

    /** DTEND, else DTSTART + DURATION, else the next day for a date, else the start (RFC 5545 §3.6.1). */
    private static Instant end(Component c, Temporal startValue, Instant start, boolean allDay) {
        Temporal dtEnd = ICalObject.date(c, "DTEND");
        if (dtEnd != null) {
            Instant e = Temporals.toInstant(dtEnd);
            return e.isBefore(start) ? start : e;
        }
        Optional<Property> duration = c.getProperty("DURATION");
        if (duration.isPresent() && duration.get() instanceof net.fortuna.ical4j.model.property.Duration d) {
            Instant e = Temporals.plus(startValue, d.getDuration());
            return e.isBefore(start) ? start : e;
        }
        return allDay ? start.plus(Duration.ofDays(1)) : start;
    }

    private static String text(Component c, String name, int max) {
        return c.getProperty(name).map(Property::getValue).filter(v -> !v.isBlank()).map(v -> ColumnText.shorten(v.strip(), max))
                .orElse(null);
    }

    private static Long id(Component c, String name) {
        String v = c.getProperty(name).map(Property::getValue).orElse("").strip();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.valueOf(v);
    }

    /** {@code mailto:Ann@Example.com} → {@code ann@example.com}; anything but a valid mailto address → null. */
    static String address(String calAddress) {
        if (calAddress == null) {
            return null;
        }
        String v = calAddress.strip();
        if (!v.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        // the same normal form partner_email.address holds, so a partner is found by it
        return EmailAddress.normalize(v.substring(7));
    }
}
