package org.switchboard.server.phonecall;

import org.switchboard.server.calendar.Meeting;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.JsonNode;

/** Phone calls: log them, list them, record outcomes, and the operator queue's claim-next. */
@RestController
@RequestMapping("/api/v1/calls")
@Tag(name = "Phone calls")
public class PhoneCallController {
    private final PhoneCallService service;
    private final PhoneCallRepository calls;

    public PhoneCallController(PhoneCallService service, PhoneCallRepository calls) {
        this.service = service;
        this.calls = calls;
    }

    /** The fields of a create or a merge-patch. Documentation only. */
    @Schema(name = "CallInput")
    public record CallInput(CallDirection direction, @Schema(maxLength = 200) String summary, Long partnerId, Long contactId, Long caseId,
            Long campaignId, String partnerName, String contactName, String phone, String category, String notes, Long responsibleId,
            Long teamId, @Schema(minimum = "0", maximum = "3") Integer priority, Instant callDate, Integer durationMinutes, Instant dueAt,
            @Schema(description = "create only: TODO (default), HELD or NOT_HELD for a call already made") CallState state,
            @Schema(description = "the version read, if If-Match is not sent") Integer version) {
    }

    /** Documentation only: the body of an outcome. */
    @Schema(name = "CallOutcomeInput")
    public record OutcomeInput(CallOutcome outcome, String notes,
            @Schema(description = "HELD only: convert into an opportunity (a lead when an operator converts)") Boolean convert, Long teamId,
            @Schema(description = "the version read, if If-Match is not sent; optional") Integer version) {
    }

    /** Documentation only. */
    @Schema(name = "CallFollowUp")
    public record FollowUpInput(Instant dueAt, String summary) {
    }

    @GetMapping
    @Operation(summary = "A list of calls, newest first",
            description = "Filters: direction, state, mine=true (my calls), due=true (to do and due now), campaignId, partnerId. "
                    + "Pass the returned 'next' as 'after'.")
    public Page<PhoneCall> list(@AuthenticationPrincipal SwitchboardUser actor, @RequestParam(required = false) CallDirection direction,
            @RequestParam(required = false) CallState state, @RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean due, @RequestParam(required = false) Long campaignId,
            @RequestParam(required = false) Long partnerId, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "80") int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        Long before = null;
        if (after != null) {
            try {
                before = Long.valueOf(after);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("after", "not a cursor returned by this list");
            }
        }
        var filter = new PhoneCallRepository.Filter(direction, state, mine ? actor.id() : null, due, campaignId, partnerId);
        List<PhoneCall> items = calls.list(filter, before, size);
        return Page.of(items, items.size() < size ? null : String.valueOf(items.get(items.size() - 1).id()));
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CallInput.class)))
    public ResponseEntity<PhoneCall> create(@RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        PhoneCall created = service.create(actor, new CallDraft().apply(body, true));
        return ResponseEntity.created(URI.create("/api/v1/calls/" + created.id())).eTag(Versions.etag(created.version())).body(created);
    }

    @GetMapping("/{id}")
    public ResponseEntity<PhoneCall> get(@PathVariable long id) {
        PhoneCall c = service.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c);
    }

    @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Change a call (JSON merge patch)", description = "Send If-Match with the ETag you read, or the version field.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CallInput.class)))
    public ResponseEntity<PhoneCall> update(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal SwitchboardUser actor) {
        CallDraft draft = CallDraft.of(service.get(id)).apply(body, false);
        Versions.ClaimedVersion claimed = Versions.claimed(ifMatch, JsonFields.of(body, CallDraft.FIELDS).version());
        PhoneCall updated = service.update(actor, id, draft, claimed);
        return ResponseEntity.ok().eTag(Versions.etag(updated.version())).body(updated);
    }

    @PostMapping("/{id}/outcome")
    @Operation(summary = "Record the outcome of a call to make: HELD, NOT_HELD (retry later) or CANCEL",
            description = "409 when the call was already closed, or is being worked by another operator. "
                    + "Optional If-Match (or version): a repeated submission against the version you read is refused (412/409) "
                    + "instead of counting a second attempt.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = OutcomeInput.class)))
    public ResponseEntity<PhoneCall> outcome(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal SwitchboardUser actor) {
        JsonFields f = JsonFields.of(body, Set.of("outcome", "notes", "convert", "teamId", "version"));
        CallOutcome[] outcome = {null};
        String[] notes = {null};
        Long[] teamId = {null};
        f.enumeration("outcome", CallOutcome.class, v -> outcome[0] = v);
        f.string("notes", 10_000, v -> notes[0] = v);
        f.id("teamId", v -> teamId[0] = v);
        if (outcome[0] == null) {
            throw ApiException.invalid("outcome", "outcome is required: HELD, NOT_HELD or CANCEL");
        }
        JsonNode convert = body.get("convert");
        if (convert != null && !convert.isNull() && !convert.isBoolean()) {
            throw ApiException.invalid("convert", "convert must be true or false");
        }
        Integer version = f.version();
        Versions.ClaimedVersion seen = (ifMatch == null || ifMatch.isBlank()) && version == null ? null : Versions.claimed(ifMatch, version);
        PhoneCall after = service.outcome(actor, id, outcome[0], notes[0], convert != null && convert.asBoolean(), teamId[0], seen);
        return ResponseEntity.ok().eTag(Versions.etag(after.version())).body(after);
    }

    @PostMapping("/{id}/follow-up")
    @Operation(summary = "Schedule another call with the same party")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = FollowUpInput.class)))
    public ResponseEntity<PhoneCall> followUp(@PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        JsonFields f = JsonFields.of(body, Set.of("dueAt", "summary"));
        Instant[] due = {null};
        String[] summary = {null};
        CallDraft.instant(f, "dueAt", v -> due[0] = v);
        f.string("summary", 200, v -> summary[0] = v);
        PhoneCall next = service.followUp(actor, id, due[0], summary[0]);
        return ResponseEntity.created(URI.create("/api/v1/calls/" + next.id())).eTag(Versions.etag(next.version())).body(next);
    }

    /** Documentation only. */
    @Schema(name = "CallMeetingInput")
    public record MeetingInput(String start, String end, String title) {
    }

    @PostMapping("/{id}/meeting")
    @Operation(summary = "Schedule a meeting with the call's party", description = "Body: {\"start\": \"2026-12-01T10:00:00Z\", \"end\"?, "
            + "\"title\"?}. The meeting gets the call's partner and opportunity, invites its contact, and appears in the company calendar.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = MeetingInput.class)))
    public ResponseEntity<Meeting> meeting(@PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        JsonFields f = JsonFields.of(body, Set.of("start", "end", "title"));
        Instant[] times = new Instant[2];
        String[] title = {null};
        f.instant("start", v -> times[0] = v);
        f.instant("end", v -> times[1] = v);
        f.string("title", 200, v -> title[0] = v);
        Meeting m = service.scheduleMeeting(actor, id, times[0], times[1], title[0]);
        return ResponseEntity.created(URI.create("/api/v1/meetings/" + m.id())).eTag(Versions.etag(m.version())).body(m);
    }

    @PostMapping("/{id}/convert")
    @Operation(summary = "Convert a call into an opportunity (a lead when an operator converts)", description = "Body: {\"teamId\": n} (optional).")
    public ResponseEntity<Opportunity> convert(@PathVariable long id, @RequestBody(required = false) JsonNode body,
            @AuthenticationPrincipal SwitchboardUser actor) {
        Long[] teamId = {null};
        if (body != null && !body.isNull() && !body.isMissingNode()) {
            JsonFields.of(body, Set.of("teamId")).id("teamId", v -> teamId[0] = v);
        }
        Opportunity o = service.convert(actor, id, teamId[0]);
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + o.id())).eTag(Versions.etag(o.version())).body(o);
    }

    @PostMapping("/{id}/partner")
    @Operation(summary = "Link an unknown caller to a partner: matched by phone or company name, else created")
    public PhoneCall createPartner(@PathVariable long id, @AuthenticationPrincipal SwitchboardUser actor) {
        return service.createPartner(actor, id);
    }

    @PostMapping("/next")
    @Operation(summary = "Claim the next call to make",
            description = "The call I am already working on, else the next due call assigned to me or unassigned in one of my teams, "
                    + "claimed for me so that no other operator gets it. 204 when the queue is empty.")
    public ResponseEntity<PhoneCall> next(@AuthenticationPrincipal SwitchboardUser actor) {
        return service.claimNext(actor).map(c -> ResponseEntity.ok().eTag(Versions.etag(c.version())).body(c))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
