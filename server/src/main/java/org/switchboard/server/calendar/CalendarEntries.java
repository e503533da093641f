package org.switchboard.server.calendar;

import java.time.Instant;
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
 * What the web calendar shows a user in [from, to): the occurrences of her meetings (recurring ones
 * expanded by the DAV engine's expansion, so the page and CalDAV clients agree) and her consolidated items.
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

    List<CalendarEntry> of(long userId, Instant from, Instant to) {
        List<CalendarEntry> out = new ArrayList<>();
        List<StoredMeeting> mine = meetings.overlapping(from, to, List.of(userId), MeetingService.MAX_LIST);
        Map<String, DavObject> recurring = store.getAll(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS,
                mine.stream().filter(m -> m.meeting().recurrence() != null).map(StoredMeeting::objectName).toList())
                .stream().collect(Collectors.toMap(DavObject::name, Function.identity()));
        for (StoredMeeting s : mine) {
            Meeting m = s.meeting();
            DavObject o = recurring.get(s.objectName());
            if (o == null) {
                out.add(meeting(m, m.start(), m.end()));
                continue;
            }
            try {
                for (Instance i : ICalObject.parse(o.data()).instances(from, to, MAX_OCCURRENCES)) {
                    if (i.start() != null && i.start().isBefore(to) && (i.end() == null ? i.start() : i.end()).isAfter(from)) {
                        out.add(meeting(m, i.start(), i.end() == null ? i.start() : i.end()));
                    }
                }
            } catch (InvalidObjectException | TooManyInstancesException e) {
                LOG.warn("meeting {} shown once: {}", m.id(), e.getMessage());
                out.add(meeting(m, m.start(), m.end()));
            }
        }
        for (ConsolidatedKind kind : ConsolidatedKind.values()) {
            for (ConsolidatedItem i : items.of(kind, userId)) {
                var ix = ConsolidatedIcs.index(i);
                if (ix.firstStart().isBefore(to) && ix.lastEnd().isAfter(from)) {
                    String title = switch (kind) {
                        case NEXT_ACTIONS -> (i.title() != null ? i.title() : "Next action") + ": " + i.subject();
                        case CLOSING -> "Closing: " + i.subject();
                        case CALLS -> "Call " + (i.who() != null ? i.who() : "") + ": " + i.subject();
                    };
                    out.add(new CalendarEntry(kind.collection, title, ix.firstStart(), ix.lastEnd(), i.date() != null,
                            kind == ConsolidatedKind.CALLS ? "/calls/mine" : "/opportunities/" + i.id(), kind.color, false));
                }
            }
        }
        out.sort(Comparator.comparing(CalendarEntry::start).thenComparing(CalendarEntry::title));
        return out;
    }

    private static CalendarEntry meeting(Meeting m, Instant start, Instant end) {
        return new CalendarEntry(CalendarEntry.MEETINGS, m.title(), start, end, m.allDay(), "/calendar/meetings/" + m.id(),
                CalendarEntry.MEETING_COLOR, m.state() == MeetingState.CANCELLED);
    }

    /** The calendar date an entry falls on for the page: all-day entries are UTC dates, timed ones in the server's zone. */
    static java.time.LocalDate day(CalendarEntry e, java.time.ZoneId zone, Instant at) {
        return e.allDay() ? at.atZone(ZoneOffset.UTC).toLocalDate() : at.atZone(zone).toLocalDate();
    }
}
