package org.switchboard.server.phonecall;

/** The OpenERP 6 call states: a call to make is TODO until an outcome closes it. */
public enum CallState {
    TODO,
    HELD,
    NOT_HELD,
    CANCELLED;

    public boolean closed() {
        return this != TODO;
    }
}
