package org.switchboard.server.partner;

import java.net.URI;
import java.util.List;

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
import org.switchboard.server.api.Cursor;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.api.Page;
import org.switchboard.server.api.Versions;
import org.switchboard.server.history.HistoryEntry;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.JsonNode;

/** Companies and people, their contacts, and their events (the history of all their cases). */
@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partners")
public class PartnerController {
    private final PartnerService service;
    private final PartnerRepository partners;
    private final HistoryRepository history;

    public PartnerController(PartnerService service, PartnerRepository partners, HistoryRepository history) {
        this.service = service;
        this.partners = partners;
        this.history = history;
    }

    /** Documentation only: the fields of a create or a merge-patch (null clears a field). */
    @Schema(name = "PartnerInput")
    public record PartnerInput(PartnerKind kind, String name, Long companyId, String jobTitle, List<String> emails, String phone,
            String mobile, String street, String zip, String city, String country, String website, List<String> categories,
            String notes, Boolean archived, Integer version) {
    }

    @GetMapping
    public Page<Partner> list(@RequestParam(required = false) String q, @RequestParam(required = false) PartnerKind kind,
            @RequestParam(required = false) Long companyId, @RequestParam(required = false) String category,
            @RequestParam(defaultValue = "false") boolean archived, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "80") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.invalid("limit", "limit must be from 1 to 500");
        }
        String afterName = null;
        Long afterId = null;
        if (after != null && !after.isBlank()) {
            List<String> keys = Cursor.decode(after, 2);
            afterName = keys.get(0);
            try {
                afterId = Long.parseLong(keys.get(1));
            } catch (NumberFormatException e) {
                throw ApiException.invalid("after", "not a cursor returned by this list");
            }
        }
        String text = q == null || q.isBlank() ? null : q.trim();
        List<Partner> rows = partners.list(new PartnerRepository.Filter(text, kind, companyId, category, archived), afterName, afterId,
                limit + 1);
        boolean more = rows.size() > limit;
        List<Partner> items = more ? rows.subList(0, limit) : rows;
        Partner last = more ? items.get(items.size() - 1) : null;
        return Page.of(items, last == null ? null : Cursor.encode(last.name(), last.id()));
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = PartnerInput.class)))
    public ResponseEntity<Partner> create(@RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        Partner created = service.create(actor, new PartnerDraft().apply(body));
        return ResponseEntity.created(URI.create("/api/v1/partners/" + created.id())).eTag(Versions.etag(created.version())).body(created);
    }

    @GetMapping("/{id}")
    public ResponseEntity<Partner> get(@PathVariable long id) {
        Partner p = service.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(p.version())).body(p);
    }

    @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    @Operation(summary = "Change a partner (JSON merge patch)", description = "Send If-Match with the ETag you read, or the version field.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = PartnerInput.class)))
    public ResponseEntity<Partner> update(@PathVariable long id, @RequestBody JsonNode body,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @AuthenticationPrincipal SwitchboardUser actor) {
        PartnerDraft draft = service.draftOf(service.get(id)).apply(body);
        Versions.ClaimedVersion claimed = Versions.claimed(ifMatch, JsonFields.of(body, PartnerDraft.FIELDS).version());
        Partner updated = service.update(actor, id, draft, claimed);
        return ResponseEntity.ok().eTag(Versions.etag(updated.version())).body(updated);
    }

    @GetMapping("/{id}/contacts")
    public List<Partner> contacts(@PathVariable long id) {
        service.get(id);
        return partners.contacts(id);
    }

    @GetMapping("/{id}/events")
    @Operation(summary = "The partner's events: every history entry of its cases and its contacts' cases, newest first")
    public Page<HistoryEntry> events(@PathVariable long id, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "80") int limit) {
        service.get(id);
        int size = Math.max(1, Math.min(limit, 200));
        List<HistoryEntry> entries = history.forPartner(id, before, size);
        return Page.of(entries, entries.size() < size ? null : String.valueOf(entries.get(entries.size() - 1).id()));
    }
}
