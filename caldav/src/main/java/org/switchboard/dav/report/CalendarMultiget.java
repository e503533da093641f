package org.switchboard.dav.report;

/** calendar-multiget (RFC 4791 §7.9): the shared {@link Multiget} logic. */
public final class CalendarMultiget extends Multiget {}
