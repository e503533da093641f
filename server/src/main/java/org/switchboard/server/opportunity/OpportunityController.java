package org.switchboard.server.opportunity;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.api.Page;
import org.switchboard.server.api.Versions;
import org.switchboard.server.history.HistoryEntry;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.JsonNode;

/** Leads and opportunities, their lists, history, conversion and assignment. */
@RestController
@RequestMapping("/api/v1/opportunities")
@Tag(name = "Leads and opportunities")
public class OpportunityController {
    private final OpportunityService service;
    private final OpportunityLists lists;
    private final HistoryRepository history;

    public OpportunityController(OpportunityService service, OpportunityLists lists, HistoryRepository history) {
        this.service = service;
        this.lists = lists;
        this.history = history;
    }

    /** The fields of a create or a merge-patch (every field optional in a patch; null clears). Documentation only. */
    @Schema(name = "OpportunityInput")
    public record OpportunityInput(@Schema(allowableValues = {"LEAD", "OPPORTUNITY"}) String type, @Schema(maxLength = 200) String name,
            Long partnerId, Long contactId, String partnerName, String contactName, String email, String phone, Long teamId,
            Long responsibleId, Long stageId, BigDecimal probability, BigDecimal expectedRevenue, String currency,
            LocalDate expectedClosing, LocalDate nextActionDate, String nextAction, @Schema(minimum = "0", maximum = "3") Integer priority,
            List<String> categories, String description, CaseState state, String lostReason,
            @Schema(description = "the version read, if If-Match is not sent") Integer version) {
    }

    public record Note(@NotNull @Size(max = 100_000) String text) {
    }

    /** Documentation only: the body of a conversion. */
    @Schema(name = "Conversion")
    public record Conversion(Long partnerId, Long responsibleId, Integer version) {
    }

    public record Assignment(@NotEmpty @Size(max = 500) List<Long> ids, Long responsibleId) {
    }

    @GetMapping
    @Operation(summary = "A list of cases",
            description = "view=mine: my open opportunities; view=unassigned: open opportunities without a Responsible; "
                    + "view=all (default) with filters. Keyset-paginated: pass the returned 'next' as 'after'.")
    public Page<Opportunity> list(@AuthenticationPrincipal SwitchboardUser actor,
            @RequestParam(defaultValue = "all") String view, @RequestParam(required = false) CaseType type,
            @RequestParam(required = false) List<CaseState> state, @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Long stageId, @RequestParam(required = false) Long teamId,
            @RequestParam(required = false) String responsibleId, @RequestParam(required = false) Long partnerId,
            @RequestParam(required = false) String category, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "NEWEST") ListSort sort, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit) {
        OpportunityLists.Filters filters = new OpportunityLists.Filters(type, state, open, stageId, teamId, responsibleId, partnerId,
                category, q, sort, after);
        return lists.page(actor, view, filters, limit);
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = OpportunityInput.class)))
    public ResponseEntity<Opportunity> create(@RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        Opportunity created = service.create(actor, new OpportunityDraft().apply(body));
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + created.id()))
                .eTag(Versions.etag(created.version())).body(created);
    }

    @GetMapping("/{id}")
    public ResponseEntity<Opportunity> get(@PathVariable long id) {
        Opportunity o = service.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(o.version())).body(o);
    }

    @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Change a case (JSON merge patch)", description = "Send If-Match with the ETag you read, or the version field.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = OpportunityInput.class)))
    public ResponseEntity<Opportunity> update(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal SwitchboardUser actor) {
        Opportunity current = service.get(id);
        OpportunityDraft draft = OpportunityDraft.of(current).apply(body);
        Versions.ClaimedVersion claimed = Versions.claimed(ifMatch, JsonFields.of(body, OpportunityDraft.FIELDS).version());
        Opportunity updated = service.update(actor, id, draft, claimed);
        return ResponseEntity.ok().eTag(Versions.etag(updated.version())).body(updated);
    }

    @PostMapping("/{id}/convert")
    @Operation(summary = "Convert a lead into an opportunity",
            description = "Links the partner given, else one owning the lead's email, else a company of its name, else creates one.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = Conversion.class)))
    public ResponseEntity<Opportunity> convert(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal SwitchboardUser actor) {
        JsonFields fields = JsonFields.of(body, Set.of("partnerId", "responsibleId", "version"));
        Long[] partnerId = {null};
        Long[] responsibleId = {null};
        fields.id("partnerId", v -> partnerId[0] = v);
        fields.id("responsibleId", v -> responsibleId[0] = v);
        Versions.ClaimedVersion claimed = Versions.claimed(ifMatch, fields.version());
        Opportunity converted = service.convert(actor, id, partnerId[0], responsibleId[0], fields.has("responsibleId"), claimed);
        return ResponseEntity.ok().eTag(Versions.etag(converted.version())).body(converted);
    }

    @PostMapping("/assign")
    @Operation(summary = "Set the Responsible of several cases (bulk assignment from the Unassigned list)")
    public List<Opportunity> assign(@Valid @RequestBody Assignment request, @AuthenticationPrincipal SwitchboardUser actor) {
        return service.assign(actor, request.ids(), request.responsibleId());
    }

    @GetMapping("/{id}/history")
    public Page<HistoryEntry> history(@PathVariable long id, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "80") int limit) {
        service.get(id);
        int size = Math.max(1, Math.min(limit, 200));
        List<HistoryEntry> entries = history.forCase(id, before, size);
        return Page.of(entries, entries.size() < size ? null : String.valueOf(entries.get(entries.size() - 1).id()));
    }

    @PostMapping("/{id}/history")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a note to the case's history")
    public HistoryEntry addNote(@PathVariable long id, @Valid @RequestBody Note note, @AuthenticationPrincipal SwitchboardUser actor) {
        service.addNote(actor, id, note.text());
        return history.forCase(id, null, 1).get(0);
    }
}
