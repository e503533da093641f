package org.switchboard.dav.spi;

import java.time.Instant;

/**
 * The fields the engine extracts from an object when it is written, for the backend to store in
 * indexed columns. Queries use them to pre-filter before any object is parsed.
 *
 * @param componentType VEVENT, VTODO, VJOURNAL, VFREEBUSY or VCARD
 * @param uid           the UID (null for a vCard without one)
 * @param firstStart    start of the first instance (null: no time information, always a candidate)
 * @param lastEnd       end of the last instance (null: unbounded, e.g. an RRULE without COUNT/UNTIL)
 */
public record ObjectIndex(String componentType, String uid, Instant firstStart, Instant lastEnd) {

    /** True when an object with this index may overlap [start, end); null bounds are open. */
    public boolean mayOverlap(Instant start, Instant end) {
        if (firstStart == null) return true;
        if (end != null && !firstStart.isBefore(end)) return false;
        // inclusive: a zero-length instance at the range start still matches (RFC 4791 §9.9)
        return lastEnd == null || start == null || !lastEnd.isBefore(start);
    }
}
