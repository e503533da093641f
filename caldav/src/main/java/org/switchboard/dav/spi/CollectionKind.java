package org.switchboard.dav.spi;

/** What a collection holds: iCalendar objects (RFC 4791) or vCards (RFC 6352). */
public enum CollectionKind { CALENDAR, ADDRESS_BOOK }
