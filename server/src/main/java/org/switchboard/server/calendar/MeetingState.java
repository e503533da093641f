package org.switchboard.server.calendar;

/** A meeting is confirmed, or cancelled (iCalendar STATUS:CANCELLED); tentative events count as confirmed. */
public enum MeetingState {
    CONFIRMED,
    CANCELLED
}
