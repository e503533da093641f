package org.switchboard.server.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Versions;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web calendar: the company's meetings and consolidated items by month, week or day, of the users
 * ticked in the list at the left (herself at first), each in her colour; the meeting form; and the drags
 * of the week and day views (create over a span of hours, move, resize). The form is turned into the JSON
 * the meetings API takes and goes through the same {@link MeetingService}.
 */
@Controller
class CalendarPages {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private final CalendarEntries entries;
    private final MeetingService meetings;
    private final UserRepository users;
    private final ZoneId zone = ZoneId.systemDefault();

    CalendarPages(CalendarEntries entries, MeetingService meetings, UserRepository users) {
        this.entries = entries;
        this.meetings = meetings;
        this.users = users;
    }

    @GetMapping("/calendar")
    String calendar(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) String view,
            @RequestParam(required = false) String date, @RequestParam(name = "users", required = false) String shownUsers, Model model) {
        String v = CalendarGrid.normalizeView(view);
        LocalDate d;
        try {
            d = date == null ? LocalDate.now(zone) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            d = LocalDate.now(zone);
        }
        List<User> active = users.findAll().stream().filter(User::active).toList();
        Set<Long> shown = shownUsers(shownUsers, me.id(), active);
        Map<Long, String> colors = new LinkedHashMap<>();
        List<Person> people = new ArrayList<>();
        for (User u : active) {
            String color = u.color() == null ? CalendarEntry.NO_COLOR : u.color();
            people.add(new Person(u.id(), u.displayName(), color, shown.contains(u.id())));
            if (shown.contains(u.id())) {
                colors.put(u.id(), color);
            }
        }
        LocalDate[] range = CalendarGrid.range(v, d);
        List<CalendarEntry> listed = entries.of(colors, range[0].atStartOfDay(zone).toInstant(), range[1].atStartOfDay(zone).toInstant(), zone);
        model.addAttribute("grid", CalendarGrid.of(v, d, listed, zone));
        model.addAttribute("people", people);
        model.addAttribute("usersParam", shown.stream().map(String::valueOf).collect(Collectors.joining(",")));
        model.addAttribute("kinds", List.of(
                new Kind(CalendarEntry.MEETINGS, "Meetings", CalendarEntry.MEETING_COLOR),
                new Kind(ConsolidatedKind.NEXT_ACTIONS.collection, ConsolidatedKind.NEXT_ACTIONS.displayName, ConsolidatedKind.NEXT_ACTIONS.color),
                new Kind(ConsolidatedKind.CLOSING.collection, ConsolidatedKind.CLOSING.displayName, ConsolidatedKind.CLOSING.color),
                new Kind(ConsolidatedKind.CALLS.collection, ConsolidatedKind.CALLS.displayName, ConsolidatedKind.CALLS.color)));
        return "calendar/view";
    }

    /** The ids in {@code users=1,2} that are active users; herself when none (or nothing valid) is given. */
    private static Set<Long> shownUsers(String param, long me, List<User> active) {
        Set<Long> known = active.stream().map(User::id).collect(Collectors.toSet());
        Set<Long> shown = new LinkedHashSet<>();
        if (param != null) {
            for (String part : param.split(",")) {
                try {
                    long id = Long.parseLong(part.trim());
                    if (known.contains(id)) {
                        shown.add(id);
                    }
                } catch (NumberFormatException e) {
                    // a hand-edited URL: ignore what is not an id
                }
            }
        }
        if (shown.isEmpty()) {
            shown.add(me);
        }
        return shown;
    }

    /** A user in the list at the left: her colour, and whether her entries are shown. */
    record Person(long id, String name, String color, boolean shown) {
    }

    /** A filter checkbox. */
    record Kind(String id, String label, String color) {
    }

    @GetMapping("/calendar/meetings/new")
    String newMeeting(@RequestParam(required = false) String start, @RequestParam(required = false) String end, Model model) {
        Map<String, String> form = new HashMap<>();
        LocalDateTime s;
        try {
            s = start == null ? LocalDateTime.now(zone).withMinute(0).plusHours(1) : LocalDateTime.parse(start);
        } catch (DateTimeParseException e) {
            s = LocalDateTime.now(zone).withMinute(0).plusHours(1);
        }
        LocalDateTime e = s.plusHours(1);
        try {
            // dragged across hours in the week or day view: the meeting takes the span
            if (end != null && LocalDateTime.parse(end).isAfter(s)) {
                e = LocalDateTime.parse(end);
            }
        } catch (DateTimeParseException ignored) {
            // keep one hour
        }
        form.put("start", LOCAL.format(s));
        form.put("end", LOCAL.format(e));
        return meetingForm(model, form, null);
    }

    @PostMapping("/calendar/meetings/new")
    String create(@AuthenticationPrincipal SwitchboardUser me, @RequestParam Map<String, String> form, Model model) {
        try {
            Meeting m = meetings.create(me, new MeetingDraft().apply(json(form)));
            return "redirect:/calendar?view=week&date=" + LocalDate.ofInstant(m.start(), m.allDay() ? ZoneOffset.UTC : zone);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            return meetingForm(model, form, null);
        }
    }

    @GetMapping("/calendar/meetings/{id}")
    String edit(@PathVariable long id, Model model) {
        Meeting m = meetings.get(id);
        Map<String, String> form = new HashMap<>();
        form.put("title", m.title());
        form.put("allDay", m.allDay() ? "on" : "");
        if (m.allDay()) {
            form.put("start", LocalDate.ofInstant(m.start(), ZoneOffset.UTC) + "T00:00");
            // the form shows the last day; iCalendar's end is the day after
            form.put("end", LocalDate.ofInstant(m.end(), ZoneOffset.UTC).minusDays(1) + "T00:00");
        } else {
            form.put("start", LOCAL.format(m.start().atZone(zone)));
            form.put("end", LOCAL.format(m.end().atZone(zone)));
        }
        form.put("location", m.location() == null ? "" : m.location());
        form.put("description", m.description() == null ? "" : m.description());
        form.put("attendees", m.attendees().stream().map(MeetingAttendee::email).collect(Collectors.joining(", ")));
        form.put("categories", String.join(", ", m.categories()));
        form.put("caseId", m.caseId() == null ? "" : String.valueOf(m.caseId()));
        form.put("state", m.state().name());
        form.put("version", String.valueOf(m.version()));
        return meetingForm(model, form, m);
    }

    private static String meetingForm(Model model, Map<String, String> form, Meeting meeting) {
        model.addAttribute("form", form);
        model.addAttribute("meeting", meeting);
        model.addAttribute("pageTitle", meeting == null ? "New meeting" : meeting.title());
        return "calendar/meeting";
    }

    @PostMapping("/calendar/meetings/{id}")
    String update(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        try {
            Meeting before = meetings.get(id);
            Meeting m = meetings.update(me, id, MeetingDraft.of(before).apply(json(form)), Duration.between(before.start(), before.end()),
                    Versions.claimed(null, Integer.valueOf(form.getOrDefault("version", "-1"))));
            flash.addFlashAttribute("notice", "Saved.");
            return "redirect:/calendar?view=week&date=" + LocalDate.ofInstant(m.start(), m.allDay() ? ZoneOffset.UTC : zone);
        } catch (ApiException | NumberFormatException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/calendar/meetings/" + id;
        }
    }

    /**
     * A meeting dragged to another hour (start given: it keeps its length) or resized (only end given), in
     * the week or day view. Goes through the same update as the form, against the version the page showed.
     */
    @PostMapping("/calendar/meetings/{id}/move")
    String move(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam(required = false) String start,
            @RequestParam(required = false) String end, @RequestParam int version, @RequestParam(required = false) String back,
            RedirectAttributes flash) {
        try {
            Meeting before = meetings.get(id);
            if (before.allDay() || before.recurrence() != null) {
                throw ApiException.invalid("start", "only a single timed meeting is moved by dragging: open it to change it");
            }
            Instant newStart = start == null || start.isBlank() ? before.start() : LocalDateTime.parse(start).atZone(zone).toInstant();
            Instant newEnd = end == null || end.isBlank() ? newStart.plus(Duration.between(before.start(), before.end()))
                    : LocalDateTime.parse(end).atZone(zone).toInstant();
            if (!newEnd.isAfter(newStart)) {
                throw ApiException.invalid("end", "a meeting ends after it starts");
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("start", newStart.toString()).put("end", newEnd.toString());
            meetings.update(me, id, MeetingDraft.of(before).apply(body), Duration.between(before.start(), before.end()),
                    new Versions.ClaimedVersion(version, HttpStatus.CONFLICT));
            flash.addFlashAttribute("notice", "Moved " + before.title() + ".");
        } catch (ApiException | DateTimeParseException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + (back != null && back.startsWith("/calendar?") ? back : "/calendar?view=week");
    }

    @PostMapping("/calendar/meetings/{id}/delete")
    String delete(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, RedirectAttributes flash) {
        Meeting m = meetings.get(id);
        meetings.delete(me, id, null);
        flash.addFlashAttribute("notice", "Meeting deleted.");
        return "redirect:/calendar?view=week&date=" + LocalDate.ofInstant(m.start(), m.allDay() ? ZoneOffset.UTC : zone);
    }

    /** The form as the API's JSON: attendees and categories are comma lists; an all-day meeting takes dates, its last day inclusive. */
    private static ObjectNode json(Map<String, String> form) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        boolean allDay = form.containsKey("allDay") && !form.get("allDay").isBlank();
        body.put("allDay", allDay);
        for (String field : List.of("title", "location", "description", "state")) {
            String v = form.getOrDefault(field, "").trim();
            if (v.isEmpty()) {
                body.putNull(field);
            } else {
                body.put(field, v);
            }
        }
        String start = form.getOrDefault("start", "").trim();
        String end = form.getOrDefault("end", "").trim();
        if (allDay) {
            start = start.length() >= 10 ? start.substring(0, 10) : start;
            end = end.length() >= 10 ? plusDay(end.substring(0, 10)) : end;
        }
        putOrNull(body, "start", start);
        putOrNull(body, "end", end);
        String caseId = form.getOrDefault("caseId", "").trim();
        if (caseId.isEmpty()) {
            body.putNull("caseId");
        } else {
            try {
                body.put("caseId", Long.parseLong(caseId));
            } catch (NumberFormatException e) {
                throw ApiException.invalid("caseId", "the opportunity must be a number");
            }
        }
        var attendees = body.putArray("attendees");
        for (String email : form.getOrDefault("attendees", "").split(",")) {
            if (!email.isBlank()) {
                attendees.addObject().put("email", email.trim());
            }
        }
        var categories = body.putArray("categories");
        for (String c : form.getOrDefault("categories", "").split(",")) {
            if (!c.isBlank()) {
                categories.add(c.trim());
            }
        }
        return body;
    }

    private static void putOrNull(ObjectNode body, String field, String value) {
        if (value.isEmpty()) {
            body.putNull(field);
        } else {
            body.put(field, value);
        }
    }

    private static String plusDay(String date) {
        try {
            return LocalDate.parse(date).plusDays(1).toString();
        } catch (DateTimeParseException e) {
            return date;
        }
    }
}
