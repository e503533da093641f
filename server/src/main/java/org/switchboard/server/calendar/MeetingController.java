package org.switchboard.server.calendar;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.api.Page;
import org.switchboard.server.api.Versions;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.JsonNode;

/** CRM meetings: the events of the company calendar, with their CRM links (docs/calendar.md). */
@RestController
@RequestMapping("/api/v1/meetings")
@Tag(name = "Meetings")
public class MeetingController {
    private final MeetingService service;

    MeetingController(MeetingService service) {
        this.service = service;
    }

    /** The fields of a create or a merge-patch. Documentation only. */
    @Schema(name = "MeetingInput")
    public record MeetingInput(@Schema(maxLength = 200) String title,
            @Schema(description = "date-time, or a date (2026-12-01) for an all-day meeting") String start,
            @Schema(description = "exclusive; default start + 1 hour (all-day: the next day)") String end, Boolean allDay,
            String location, String description, @Schema(description = "default: you") Long organizerId,
            @Schema(description = "each one of {userId}, {partnerId} or {email, name}") List<MeetingAttendee> attendees, Long partnerId,
            @Schema(description = "the opportunity or lead") Long caseId, List<String> categories, MeetingState state,
            @Schema(description = "an iCalendar RRULE value, e.g. FREQ=WEEKLY;COUNT=10") String recurrence,
            @Schema(description = "the version read, if If-Match is not sent") Integer version) {
    }

    @GetMapping
    @Operation(summary = "Meetings with an occurrence in [from, to)",
            description = "userId (an id or 'me') or teamId: meetings organized or attended by that user or a member of that team; "
                    + "neither: everyone's. A recurring meeting is listed once, with its first occurrence and its rule.")
    public Page<Meeting> list(@AuthenticationPrincipal SwitchboardUser actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String userId,
            @RequestParam(required = false) Long teamId) {
        List<Long> users = null;
        if (userId != null && teamId != null) {
            throw ApiException.invalid("teamId", "give userId or teamId, not both");
        }
        if (userId != null) {
            users = List.of("me".equals(userId) ? actor.id() : parseId(userId));
        } else if (teamId != null) {
            users = service.teamMembers(teamId);
        }
        return Page.of(service.list(instant("from", from), instant("to", to), users), null);
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = MeetingInput.class)))
    public ResponseEntity<Meeting> create(@RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        Meeting m = service.create(actor, new MeetingDraft().apply(body));
        return ResponseEntity.created(URI.create("/api/v1/meetings/" + m.id())).eTag(Versions.etag(m.version())).body(m);
    }

    @GetMapping("/{id}")
    public ResponseEntity<Meeting> get(@PathVariable long id) {
        Meeting m = service.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(m.version())).body(m);
    }

    @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Change a meeting (JSON merge patch)",
            description = "Send If-Match with the ETag you read, or the version field. Moving the start alone keeps the length.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = MeetingInput.class)))
    public ResponseEntity<Meeting> update(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal SwitchboardUser actor) {
        Meeting before = service.get(id);
        MeetingDraft draft = MeetingDraft.of(before).apply(body);
        Versions.ClaimedVersion claimed = Versions.claimed(ifMatch, JsonFields.of(body, MeetingDraft.FIELDS).version());
        Meeting after = service.update(actor, id, draft, Duration.between(before.start(), before.end()), claimed);
        return ResponseEntity.ok().eTag(Versions.etag(after.version())).body(after);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a meeting", description = "If-Match is optional; a stale one answers 412.")
    public ResponseEntity<Void> delete(@PathVariable long id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @AuthenticationPrincipal SwitchboardUser actor) {
        service.delete(actor, id, ifMatch == null || ifMatch.isBlank() ? null : Versions.claimed(ifMatch, null));
        return ResponseEntity.noContent().build();
    }

    private static Instant instant(String field, String text) {
        return text == null || text.isBlank() ? null : JsonFields.parseInstant(field, text.trim());
    }

    private static long parseId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid("userId", "userId must be a user id or 'me'");
    }
}
