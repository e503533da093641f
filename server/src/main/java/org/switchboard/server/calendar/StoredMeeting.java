package org.switchboard.server.calendar;

/** A meeting row with where its iCalendar lives and the ETag of the bytes it was read from. */
record StoredMeeting(Meeting meeting, long collectionId, String objectName, String etag) {
}
