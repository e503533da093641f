package org.switchboard.server.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Optional;

import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RecurrenceId;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.Instance;
import org.switchboard.dav.ical.Temporals;

/**
 * The VEVENT of one occurrence of a recurring event (RFC 5545 §3.8.4.4): the override the event already has
 * for it, or a new one made from the series (a copy without RRULE, RDATE and EXDATE, moved to the
 * occurrence, with RECURRENCE-ID). What an answer to one occurrence is written into, as a CalDAV client
 * would when its user declines one meeting of a series.
 */
final class OccurrenceOverride {
    /** Enough instances to find one occurrence between its start and a second later. */
    private static final int MAX_INSTANCES = 100;

    private OccurrenceOverride() {
    }

    /** The override among {@code events} for the occurrence starting at {@code recurrenceId}, if any. */
    static Optional<Component> existing(List<Component> events, Instant recurrenceId) {
        return events.stream().filter(c -> recurrenceId.equals(ICalObject.recurrenceIdOf(c))).findFirst();
    }

    /**
     * A new override for the occurrence of {@code master} starting at {@code recurrenceId}; empty when the series
     * has no such occurrence. {@code stored} is the parsed event {@code master} belongs to.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Optional<Component> create(ICalObject stored, Component master, Instant recurrenceId) {
        Optional<Instance> occurrence = stored.instances(recurrenceId, recurrenceId.plusSeconds(1), MAX_INSTANCES).stream()
                .filter(i -> i.recurrenceId() != null && i.recurrenceId().equals(recurrenceId) && i.start().equals(recurrenceId)
                        && master.getProperty("UID").equals(i.component().getProperty("UID"))
                        && i.component().getProperty("RECURRENCE-ID").isEmpty())
                .findFirst();
        Temporal seriesStart = ICalObject.date(master, "DTSTART");
        if (occurrence.isEmpty() || seriesStart == null) {
            return Optional.empty();
        }
        Temporal start = occurrence.get().startValue();
        Component override = master.copy();
        override.removeAll("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID");
        Optional<Parameter> startZone = master.getProperty("DTSTART").orElseThrow().getParameter(Parameter.TZID);
        DateProperty dtStart = (DateProperty) override.getProperty("DTSTART").orElseThrow();
        dtStart.setDate(start);
        keepZone(dtStart, startZone);
        Temporal seriesEnd = ICalObject.date(master, "DTEND");
        if (seriesEnd != null) {
            DateProperty dtEnd = (DateProperty) override.getProperty("DTEND").orElseThrow();
            Optional<Parameter> endZone = master.getProperty("DTEND").orElseThrow().getParameter(Parameter.TZID);
            dtEnd.setDate(shifted(start, seriesStart, seriesEnd));
            keepZone(dtEnd, endZone);
        }
        RecurrenceId<Temporal> recurrence = new RecurrenceId<>(start);
        keepZone(recurrence, startZone);
        override.add(recurrence);
        return Optional.of(override);
    }

    /**
     * Setting a date names its zone by ical4j's own id ("ical4j-local-…") when the zone came from the event's
     * VTIMEZONE; the event's TZID (say "W. Europe Standard Time") is what it and its clients know.
     */
    private static void keepZone(Property property, Optional<Parameter> tzid) {
        tzid.ifPresent(property::replace);
    }

    /** {@code start} plus the series' length: days for all-day events, else the exact duration. */
    private static Temporal shifted(Temporal start, Temporal seriesStart, Temporal seriesEnd) {
        if (start instanceof LocalDate day && seriesStart instanceof LocalDate first && seriesEnd instanceof LocalDate last) {
            return day.plusDays(ChronoUnit.DAYS.between(first, last));
        }
        return start.plus(Duration.between(Temporals.toInstant(seriesStart), Temporals.toInstant(seriesEnd)));
    }
}
