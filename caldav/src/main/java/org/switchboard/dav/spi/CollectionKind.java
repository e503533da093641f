package org.switchboard.dav.spi;

/**
 * What a collection holds: iCalendar objects (RFC 4791), vCards (RFC 6352), or — for generic WebDAV
 * clients — any files and further plain collections (RFC 4918), with no calendar or contact semantics.
 * PLAIN collections exist only on a backend that implements {@link PlainCollections}.
 */
public enum CollectionKind { CALENDAR, ADDRESS_BOOK, PLAIN }
