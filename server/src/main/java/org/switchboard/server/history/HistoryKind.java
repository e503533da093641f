package org.switchboard.server.history;

/** What a history entry records. Later features add their own kinds (emails, calls, meetings). */
public enum HistoryKind {
    CREATED,
    CONVERTED,
    STAGE,
    STATE,
    RESPONSIBLE,
    UPDATED,
    NOTE,
    EMAIL_IN,
    EMAIL_OUT,
    CALL,
    MEETING
}
