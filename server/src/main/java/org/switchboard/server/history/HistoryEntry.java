package org.switchboard.server.history;

import java.time.Instant;
import java.util.List;

/**
 * One line of a case's history, also shown on the partner's events tab (an entry with no case, such as
 * a call with a partner only, shows there alone). {@code changes} lists what a
 * change did, field by field, with the old and new values as people read them (names, not ids).
 */
public record HistoryEntry(long id, Long caseId, String caseName, Long partnerId, Long contactId, Long authorId,
        String authorName, HistoryKind kind, String summary, String body, List<Change> changes, Instant createdAt) {

    public record Change(String field, String from, String to) {
    }
}
