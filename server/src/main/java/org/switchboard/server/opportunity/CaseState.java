package org.switchboard.server.opportunity;

/** The state of a case; Won, Lost and Cancelled close it. */
public enum CaseState {
    NEW,
    OPEN,
    PENDING,
    WON,
    LOST,
    CANCELLED;

    public boolean closed() {
        return this == WON || this == LOST || this == CANCELLED;
    }
}
