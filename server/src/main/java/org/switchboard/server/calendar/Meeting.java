package org.switchboard.server.calendar;

import java.time.Instant;
import java.util.List;

/**
 * A CRM meeting: the reading of one VEVENT of the company calendar ({@code davHref}). For a recurring
 * meeting, start and end are those of the first occurrence and {@code recurrence} is the RRULE; an
 * all-day meeting starts and ends at midnight UTC of its dates (end exclusive), as iCalendar dates do.
 */
public record Meeting(long id, String title, Instant start, Instant end, boolean allDay, String location, String description,
        Long organizerId, String organizerName, List<MeetingAttendee> attendees, Long partnerId, String partnerName, Long contactId,
        Long caseId, String caseName, List<String> categories, MeetingState state, String recurrence, String uid, String davHref,
        Instant createdAt, Instant updatedAt, int version) {
}
