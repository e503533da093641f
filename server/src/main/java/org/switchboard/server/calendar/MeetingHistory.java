package org.switchboard.server.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;
import org.switchboard.server.history.HistoryEntry.Change;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.security.SwitchboardUser;

/**
 * The MEETING entries of a case's history and a partner's events. A meeting linked to a case writes on the
 * case and on its partner's events (the case's partner unless the event names another); one linked to a
 * partner only, on the partner's events alone. Only what people follow is recorded — planned, moved, renamed, relocated, cancelled,
 * deleted — not the PUTs a client makes for an alarm it dismissed.
 */
@Component
class MeetingHistory {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final HistoryRepository history;

    MeetingHistory(HistoryRepository history) {
        this.history = history;
    }

    void written(SwitchboardUser actor, Meeting before, Meeting after) {
        boolean linkedBefore = before != null && linked(before);
        if (!linked(after)) {
            return;
        }
        boolean newLink = !linkedBefore || !Objects.equals(before.caseId(), after.caseId())
                || !Objects.equals(before.partnerId(), after.partnerId());
        if (newLink) {
            append(actor, after, "Meeting planned: " + after.title() + ", " + when(after), after.description(), List.of());
            return;
        }
        List<Change> changes = new ArrayList<>();
        change(changes, "title", before.title(), after.title());
        change(changes, "start", when(before), when(after));
        change(changes, "end", format(before.end(), before.allDay()), format(after.end(), after.allDay()));
        change(changes, "location", before.location(), after.location());
        change(changes, "recurrence", before.recurrence(), after.recurrence());
        change(changes, "state", before.state().name(), after.state().name());
        if (changes.isEmpty()) {
            return;
        }
        String summary = after.state() == MeetingState.CANCELLED && before.state() != MeetingState.CANCELLED
                ? "Meeting cancelled: " + after.title() + ", " + when(after)
                : "Meeting changed: " + after.title() + ", " + when(after);
        append(actor, after, summary, null, changes);
    }

    void deleted(SwitchboardUser actor, Meeting m) {
        if (linked(m)) {
            append(actor, m, "Meeting deleted: " + m.title() + ", " + when(m), null, List.of());
        }
    }

    private void append(SwitchboardUser actor, Meeting m, String summary, String body, List<Change> changes) {
        // the meeting's partner is the case's unless the event names another one: the entry shows on that one's events
        history.append(new HistoryRepository.NewEntry(m.caseId(), m.partnerId(), m.contactId(), actor == null ? null : actor.id(),
                HistoryKind.MEETING, summary, body, changes));
    }

    private static boolean linked(Meeting m) {
        return m.caseId() != null || m.partnerId() != null;
    }

    private static void change(List<Change> changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(field, from, to));
        }
    }

    private static String when(Meeting m) {
        return format(m.start(), m.allDay());
    }

    private static String format(Instant t, boolean allDay) {
        return allDay ? LocalDate.ofInstant(t, ZoneOffset.UTC).toString() : WHEN.format(t);
    }
}
