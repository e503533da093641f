package org.switchboard.server.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of a consolidated calendar: a case's next action or expected closing (a date), or a call to
 * make (a time). {@code version} is the row's: every write of a case or a call bumps it, so it tells when
 * the entry's text may have changed.
 *
 * @param id      the case or call
 * @param date    the day, for an all-day entry (null for a call)
 * @param at      the due time of a call (null for a case entry)
 * @param subject the case name, or what the call is about
 * @param who     the partner (and contact) as named on the row
 */
record ConsolidatedItem(ConsolidatedKind kind, long id, int version, String title, String subject, String who, String phone,
        LocalDate date, Instant at, Instant updatedAt) {

    /** The member name in its collection. */
    String objectName() {
        return (kind == ConsolidatedKind.CALLS ? "call-" : "case-") + id + ".ics";
    }

    String uid() {
        return kind.collection + "-" + id + "@switchboard";
    }

    /** Derived from the row version: equal tags, equal bytes. */
    String etag() {
        return "\"" + kind.collection + "-" + id + "-" + version + "\"";
    }
}
