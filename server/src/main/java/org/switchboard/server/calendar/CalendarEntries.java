package org.switchboard.server.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.Instance;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.ical.TooManyInstancesException;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.server.dav.DavObjectStore;

/**
 * What the web calendar shows of some users in [from, to): the occurrences of their meetings (recurring
 * ones expanded by the DAV engine's expansion, so the page and CalDAV clients agree) and their consolidated
 * items, each in the colour of the user it belongs to.
 */
@Component
class CalendarEntries {
    /** Occurrences of one recurring meeting shown at most in one view. */
    private static final int MAX_OCCURRENCES = 500;
    private static final Logger LOG = LoggerFactory.getLogger(CalendarEntries.class);
    private final MeetingRepository meetings;
    private final ConsolidatedItems items;
    private final DavObjectStore store;

    CalendarEntries(MeetingRepository meetings, ConsolidatedItems items, DavObjectStore store) {
        this.meetings = meetings;
        this.items = items;
        this.store = store;
    }

    /** {@code colors}: the users shown and their colours, in the order of the list at the left. */
    List<CalendarEntry> of(Map<Long, String> colors, Instant from, Instant to, ZoneId zone) {
        List<CalendarEntry> out = new ArrayList<>();
        List<StoredMeeting> mine = meetings.overlapping(from, to, colors.keySet(), MeetingService.MAX_LIST);
        Map<String, DavObject> recurring = store.getAll(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS,
                mine.stream().filter(m -> m.meeting().recurrence() != null).map(StoredMeeting::objectName).toList())
                .stream().collect(Collectors.toMap(DavObject::name, Function.identity()));
        for (StoredMeeting s : mine) {
            Meeting m = s.meeting();
            DavObject o = recurring.get(s.objectName());
            String color = meetingColor(m, colors);
            if (o == null) {
                out.add(meeting(m, m.start(), m.end(), color, true, zone));
                continue;
            }
            try {
                for (Instance i : ICalObject.parse(o.data()).instances(from, to, MAX_OCCURRENCES)) {
                    if (i.start() != null && i.start().isBefore(to) && (i.end() == null ? i.start() : i.end()).isAfter(from)) {
                        out.add(meeting(m, i.start(), i.end() == null ? i.start() : i.end(), color, false, zone));
                    }
                }
            } catch (InvalidObjectException | TooManyInstancesException e) {
                LOG.warn("meeting {} shown once: {}", m.id(), e.getMessage());
                out.add(meeting(m, m.start(), m.end(), color, false, zone));
            }
        }
        for (Map.Entry<Long, String> user : colors.entrySet()) {
            for (ConsolidatedKind kind : ConsolidatedKind.values()) {
                addItems(out, kind, user.getKey(), user.getValue(), from, to, zone);
            }
        }
        out.sort(Comparator.comparing(CalendarEntry::start).thenComparing(CalendarEntry::title));
        return out;
    }

    private void addItems(List<CalendarEntry> out, ConsolidatedKind kind, long userId, String color, Instant from, Instant to, ZoneId zone) {
        for (ConsolidatedItem i : items.of(kind, userId)) {
            var ix = ConsolidatedIcs.index(i);
            if (ix.firstStart().isBefore(to) && ix.lastEnd().isAfter(from)) {
                String title = switch (kind) {
                    case NEXT_ACTIONS -> (i.title() != null ? i.title() : "Next action") + ": " + i.subject();
                    case CLOSING -> "Closing: " + i.subject();
                    case CALLS -> "Call " + (i.who() != null ? i.who() : "") + ": " + i.subject();
                };
                boolean allDay = i.date() != null;
                out.add(new CalendarEntry(kind.collection, title, ix.firstStart(), ix.lastEnd(), allDay,
                        kind == ConsolidatedKind.CALLS ? "/calls/mine" : "/opportunities/" + i.id(), color, kind.color,
                        multiDay(allDay, ix.firstStart(), ix.lastEnd(), zone), false, null, null));
            }
        }
    }

    /** The organiser's colour when she is shown, else that of the first attendee shown. */
    private static String meetingColor(Meeting m, Map<Long, String> colors) {
        if (m.organizerId() != null && colors.containsKey(m.organizerId())) {
            return colors.get(m.organizerId());
        }
        return m.attendees().stream().map(MeetingAttendee::userId).filter(colors::containsKey).findFirst().map(colors::get)
                .orElse(CalendarEntry.NO_COLOR);
    }

    /** {@code single}: not a recurring series, so a drag may move or resize this occurrence (it is the meeting). */
    private static CalendarEntry meeting(Meeting m, Instant start, Instant end, String color, boolean single, ZoneId zone) {
        boolean cancelled = m.state() == MeetingState.CANCELLED;
        boolean multiDay = multiDay(m.allDay(), start, end, zone);
        boolean movable = single && !m.allDay() && !multiDay && !cancelled;
        return new CalendarEntry(CalendarEntry.MEETINGS, m.title(), start, end, m.allDay(), "/calendar/meetings/" + m.id(), color,
                CalendarEntry.MEETING_COLOR, multiDay, cancelled, movable ? m.id() : null, movable ? m.version() : null);
    }

    /** All day, or ending on a later day than it starts (an end at midnight belongs to the day before). */
    static boolean multiDay(boolean allDay, Instant start, Instant end, ZoneId zone) {
        return allDay || end.minusNanos(1).atZone(zone).toLocalDate().isAfter(start.atZone(zone).toLocalDate());
    }

    /** The calendar date an entry falls on for the page: all-day entries are UTC dates, timed ones in the server's zone. */
    static java.time.LocalDate day(CalendarEntry e, java.time.ZoneId zone, Instant at) {
        return e.allDay() ? at.atZone(ZoneOffset.UTC).toLocalDate() : at.atZone(zone).toLocalDate();
    }
}
