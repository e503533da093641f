package org.switchboard.server.calendar;

import java.time.Instant;

/**
 * One thing shown in the web calendar: a meeting occurrence or a consolidated item.
 *
 * @param kind      {@code meetings}, or a {@link ConsolidatedKind}'s collection name: the kind filter
 * @param href      where clicking it leads (the meeting's form, the case, the calls)
 * @param color     the colour of the user it belongs to (a meeting's organiser, an item's Responsible)
 * @param kindColor the kind's colour, the entry's edge
 * @param multiDay  all-day or over several days: drawn on a coloured background; shorter ones in coloured type
 * @param meetingId the meeting a drag may move or resize (single, timed, not cancelled); null otherwise
 */
public record CalendarEntry(String kind, String title, Instant start, Instant end, boolean allDay, String href, String color,
        String kindColor, boolean multiDay, boolean cancelled, Long meetingId, Integer version) {
    static final String MEETINGS = "meetings";
    static final String MEETING_COLOR = "#75507b";
    /** A user without a colour of her own. */
    static final String NO_COLOR = "#555753";
}
