package org.switchboard.server.phonecall;

/** Who dialled: the customer (inbound) or us (outbound). */
public enum CallDirection {
    INBOUND,
    OUTBOUND
}
