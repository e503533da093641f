package org.switchboard.server.calendar;

import java.time.Instant;
import java.util.List;

/** The columns of a meeting row as derived from its event ({@link MeetingFollower}). */
record MeetingFields(String uid, String etag, String title, Instant start, Instant end, boolean allDay, Instant lastEnd,
        String location, String description, Long organizerId, Long partnerId, Long contactId, Long caseId, List<String> categories,
        MeetingState state, String recurrence, List<MeetingAttendee> attendees) {
}
