package org.switchboard.server.calendar;

/**
 * An ATTENDEE of a meeting: a user when the address is a user's, a partner (person or company) when it is
 * one of a partner's addresses, else just the address and the name the client gave.
 */
public record MeetingAttendee(Long userId, Long partnerId, String email, String name) {
}
