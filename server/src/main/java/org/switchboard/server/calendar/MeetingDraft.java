package org.switchboard.server.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import tools.jackson.databind.JsonNode;

/** The editable fields of a meeting, from a create or merge-patch body, or from a stored meeting. */
final class MeetingDraft {
    static final Set<String> FIELDS = Set.of("title", "start", "end", "allDay", "location", "description", "organizerId", "attendees",
            "partnerId", "caseId", "categories", "state", "recurrence", "version");
    private static final Set<String> ATTENDEE_FIELDS = Set.of("userId", "partnerId", "email", "name");

    String title;
    Instant start;
    Instant end;
    boolean allDay;
    String location;
    String description;
    Long organizerId;
    List<MeetingAttendee> attendees = List.of();
    Long partnerId;
    Long caseId;
    List<String> categories = List.of();
    MeetingState state = MeetingState.CONFIRMED;
    String recurrence;

    static MeetingDraft of(Meeting m) {
        MeetingDraft d = new MeetingDraft();
        d.title = m.title();
        d.start = m.start();
        d.end = m.end();
        d.allDay = m.allDay();
        d.location = m.location();
        d.description = m.description();
        d.organizerId = m.organizerId();
        d.attendees = m.attendees();
        d.partnerId = m.partnerId();
        d.caseId = m.caseId();
        d.categories = m.categories();
        d.state = m.state();
        d.recurrence = m.recurrence();
        return d;
    }

    MeetingDraft apply(JsonNode body) {
        JsonFields f = JsonFields.of(body, FIELDS);
        f.string("title", 200, v -> title = v);
        f.bool("allDay", v -> allDay = v);
        boolean startNamed = f.has("start");
        f.string("start", 40, v -> start = v == null ? null : time("start", v));
        if (f.has("end")) {
            f.string("end", 40, v -> end = v == null ? null : time("end", v));
        } else if (startNamed) {
            // moving the start keeps the length
            end = null;
        }
        f.string("location", 500, v -> location = v);
        f.string("description", 100_000, v -> description = v);
        f.id("organizerId", v -> organizerId = v);
        f.id("partnerId", v -> partnerId = v);
        f.id("caseId", v -> caseId = v);
        f.strings("categories", 20, 64, v -> categories = v);
        f.enumeration("state", MeetingState.class, v -> state = v == null ? MeetingState.CONFIRMED : v);
        f.string("recurrence", 1000, v -> recurrence = v);
        if (body.has("attendees")) {
            attendees = attendees(body.get("attendees"));
        }
        return this;
    }

    /** Checks what needs no database: a title, a start, an end after it (by default an hour or a day later). */
    void check(Duration keptLength) {
        if (title == null) {
            throw ApiException.invalid("title", "title is required");
        }
        if (start == null) {
            throw ApiException.invalid("start", "start is required");
        }
        if (allDay) {
            start = midnight(start);
        }
        if (end == null) {
            end = start.plus(keptLength != null ? keptLength : allDay ? Duration.ofDays(1) : Duration.ofHours(1));
        }
        if (allDay) {
            end = midnight(end);
            if (!end.isAfter(start)) {
                end = start.plus(Duration.ofDays(1));
            }
        }
        if (!end.isAfter(start)) {
            throw ApiException.invalid("end", "end must be after start");
        }
    }

    /** An all-day meeting takes dates ({@code 2026-12-01}); a timed one date-times (or a date: midnight in the server's zone). */
    private Instant time(String field, String text) {
        if (text.length() == 10) {
            try {
                LocalDate date = LocalDate.parse(text);
                if (allDay) {
                    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(field, field + " must be a date like 2026-12-01 or a date-time like 2026-12-01T09:30:00Z");
            }
        }
        return JsonFields.parseInstant(field, text);
    }

    /** All-day meetings are dates, kept as midnight UTC (what the DAV engine makes of a DATE). */
    private static Instant midnight(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<MeetingAttendee> attendees(JsonNode node) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > EventReading.MAX_ATTENDEES) {
            throw ApiException.invalid("attendees", "attendees must be an array of at most " + EventReading.MAX_ATTENDEES + " objects");
        }
        List<MeetingAttendee> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Long[] ids = new Long[2];
            String[] texts = new String[2];
            try {
                JsonFields a = JsonFields.of(node.get(i), ATTENDEE_FIELDS);
                a.id("userId", v -> ids[0] = v);
                a.id("partnerId", v -> ids[1] = v);
                a.string("email", 254, v -> texts[0] = v);
                a.string("name", 200, v -> texts[1] = v);
            } catch (ApiException e) {
                throw ApiException.invalid("attendees[" + i + "]" + (e.field() == null || e.field().equals("body") ? "" : "." + e.field()),
                        "attendees[" + i + "]: " + e.getMessage());
            }
            if ((ids[0] != null ? 1 : 0) + (ids[1] != null ? 1 : 0) + (texts[0] != null ? 1 : 0) != 1) {
                throw ApiException.invalid("attendees[" + i + "]", "attendees[" + i + "]: give one of userId, partnerId or email");
            }
            out.add(new MeetingAttendee(ids[0], ids[1], texts[0], texts[1]));
        }
        return out;
    }
}
