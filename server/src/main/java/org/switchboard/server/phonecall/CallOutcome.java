package org.switchboard.server.phonecall;

/** The operator's three buttons. NOT_HELD may keep the call TODO (retry later) or cancel it (too many attempts). */
public enum CallOutcome {
    HELD,
    NOT_HELD,
    CANCEL
}
