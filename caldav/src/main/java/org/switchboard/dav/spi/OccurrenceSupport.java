package org.switchboard.dav.spi;

import java.time.Instant;
import java.util.List;

/**
 * Time-range answers from an occurrence index: one entry per instance of each VEVENT (recurring events
 * expanded up to a horizon), kept by the backend when objects are written. Optional, like
 * {@link SyncSupport}: the engine uses it when the backend implements it, and otherwise (or for the
 * members the index does not cover) parses and expands the objects itself.
 *
 * <p>An index entry is the instance's start and end as {@link org.switchboard.dav.ical.ICalObject#occurrences}
 * computes them, so the answers are the engine's own (RFC 4791 §9.9 overlap, floating times in UTC).
 */
public interface OccurrenceSupport {

    /**
     * The VEVENT members with an instance overlapping [start, end) (either bound null: open), and the
     * members the index cannot answer for (not indexed yet, indexed only up to a horizon before
     * {@code end}, or too dense to index), which the engine checks itself. A member is in at most one list.
     */
    EventMatches eventsOverlapping(DavCollection collection, Instant start, Instant end);

    /** The busy instances of VEVENTs overlapping [start, end) (both bounds set), and the members to check. */
    BusyTime busyTime(DavCollection collection, Instant start, Instant end);

    record EventMatches(List<DavObjectInfo> matches, List<DavObjectInfo> unindexed) {}

    /** @param periods instances as indexed (not clipped to the range); FREE instances may be left out */
    record BusyTime(List<Occurrence> periods, List<DavObjectInfo> unindexed) {}

    /** One instance: its start and end ({@code end == start} for a zero-length instance) and how busy it makes. */
    record Occurrence(Instant start, Instant end, Busy busy) {}

    /** RFC 4791 §7.10: transparent or cancelled instances are FREE, tentative ones BUSY-TENTATIVE. */
    enum Busy {
        BUSY, TENTATIVE, FREE;

        /** The one-letter code a database column can hold. */
        public char code() { return name().charAt(0); }

        public static Busy of(char code) {
            return switch (code) {
                case 'T' -> TENTATIVE;
                case 'F' -> FREE;
                default -> BUSY;
            };
        }
    }
}
