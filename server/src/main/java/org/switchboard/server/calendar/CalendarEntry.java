package org.switchboard.server.calendar;

import java.time.Instant;

/**
 * One thing shown in the web calendar: a meeting occurrence or a consolidated item.
 *
 * @param kind  {@code meetings}, or a {@link ConsolidatedKind}'s collection name: the filter and the colour
 * @param href  where clicking it leads (the meeting's form, the case, the calls)
 */
public record CalendarEntry(String kind, String title, Instant start, Instant end, boolean allDay, String href, String color,
        boolean cancelled) {
    static final String MEETINGS = "meetings";
    static final String MEETING_COLOR = "#75507b";
}
