package org.switchboard.dav;

import org.switchboard.dav.ical.CalendarDataRequest;

/**
 * The {@code <C:calendar-data>} element of one object as shaped for one request ({@code expand},
 * {@code limit-recurrence-set}, {@code comp}/{@code prop}), XML-escaped and ready to write (ADR 0019).
 *
 * <p>Why: a client showing a month asks for the same expansion again and again, and at 100,000 events
 * re-parsing and re-serialising the ~6,600 matching objects was the whole cost of the answer. With the
 * shaped text at hand the engine needs neither the object's bytes nor its parse, only its current ETag.
 *
 * <p>Why it is never stale: the key holds the object's strong ETag, which changes with every byte of
 * the object (a PUT gives a new ETag, so the next request asks for a new key; a DELETE removes the
 * member from the listings, so its key is never asked for again). Old entries are only dropped, by
 * the bound: the total size of keys and texts in characters, least recently used first.
 */
public final class CalendarDataCache {
    /** Counted for each entry on top of its strings: the key, the map node and the string headers. */
    static final int ENTRY_OVERHEAD = 160;

    /** @param href the object's href (objects of other collections may share bytes, and so an ETag) */
    public record Key(String href, String etag, CalendarDataRequest request) {}

    private final WeighedLru<Key, String> map;

    public CalendarDataCache(long maxChars) { map = new WeighedLru<>(maxChars, CalendarDataCache::size); }

    /** The cached element, or null. */
    public String get(Key key) { return map.get(key); }

    /** Keeps {@code element} unless it alone would take more than an eighth of the bound. */
    public void put(Key key, String element) { map.put(key, element); }

    /** Characters held, as counted against the bound. */
    public long chars() { return map.weight(); }

    public int size() { return map.size(); }

    private static long size(Key key, String element) {
        return (long) key.href().length() + key.etag().length() + element.length() + ENTRY_OVERHEAD;
    }
}
