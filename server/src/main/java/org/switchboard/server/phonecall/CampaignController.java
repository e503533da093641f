package org.switchboard.server.phonecall;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.api.Page;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.JsonNode;

/** Call lists (campaigns): create, count, fill from a CSV file, a partner category or a saved partner search. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Call campaigns")
public class CampaignController {
    private final Campaigns campaigns;
    private final CampaignRepository repository;
    private final CallListImport imports;
    private final ImportJobRepository jobs;

    public CampaignController(Campaigns campaigns, CampaignRepository repository, CallListImport imports, ImportJobRepository jobs) {
        this.campaigns = campaigns;
        this.repository = repository;
        this.imports = imports;
        this.jobs = jobs;
    }

    /** Documentation only. */
    @Schema(name = "CampaignInput")
    public record CampaignInput(String name, Long teamId) {
    }

    /** Documentation only. */
    @Schema(name = "CategoryList")
    public record CategoryInput(String category) {
    }

    /** Documentation only. */
    @Schema(name = "SavedSearchList")
    public record SavedSearchListInput(Long savedSearchId) {
    }

    @GetMapping("/call-campaigns")
    public List<CallCampaign> list() {
        return repository.list();
    }

    @PostMapping("/call-campaigns")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CampaignInput.class)))
    public ResponseEntity<CallCampaign> create(@RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        JsonFields f = JsonFields.of(body, Set.of("name", "teamId"));
        String[] name = {null};
        Long[] teamId = {null};
        f.string("name", 200, v -> name[0] = v);
        f.id("teamId", v -> teamId[0] = v);
        CallCampaign c = campaigns.create(actor, name[0], teamId[0]);
        return ResponseEntity.created(URI.create("/api/v1/call-campaigns/" + c.id())).body(c);
    }

    @GetMapping("/call-campaigns/{id}")
    public CallCampaign get(@PathVariable long id) {
        return campaigns.get(id);
    }

    @GetMapping("/call-campaigns/{id}/stats")
    @Operation(summary = "Calls of the campaign per state (and converted), and per operator")
    public CampaignStats stats(@PathVariable long id) {
        campaigns.get(id);
        return repository.stats(id);
    }

    @PostMapping(value = "/call-campaigns/{id}/imports", consumes = {"text/csv", "text/plain", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Import a call list (CSV body)",
            description = "Columns (header names, any order): partner or company, contact, phone (required), email, opportunity, summary, "
                    + "notes, priority, due, operator. Comma or semicolon, UTF-8 with or without BOM. Answers 202 with the job; "
                    + "poll GET /api/v1/call-imports/{jobId}.")
    public ResponseEntity<ImportJob> importBody(@PathVariable long id, @RequestParam(required = false) String fileName,
            HttpServletRequest request, @AuthenticationPrincipal SwitchboardUser actor) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return accepted(imports.start(actor, id, in, fileName));
        }
    }

    @PostMapping(value = "/call-campaigns/{id}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a call list (multipart form, part 'file')")
    public ResponseEntity<ImportJob> importFile(@PathVariable long id, @RequestPart("file") MultipartFile file,
            @AuthenticationPrincipal SwitchboardUser actor) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return accepted(imports.start(actor, id, in, file.getOriginalFilename()));
        }
    }

    @GetMapping("/call-imports/{jobId}")
    @Operation(summary = "An import's state and progress (bytesRead of bytesTotal, rows done, created, matched, rejected)")
    public ImportJob job(@PathVariable long jobId) {
        return imports.job(jobId);
    }

    @GetMapping("/call-imports/{jobId}/rows")
    @Operation(summary = "The import's report, row by row (outcome=CREATED|MATCHED|REJECTED to filter)")
    public Page<ImportJob.Row> rows(@PathVariable long jobId, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) Long after, @RequestParam(defaultValue = "200") int limit) {
        imports.job(jobId);
        if (outcome != null && !Set.of("CREATED", "MATCHED", "REJECTED").contains(outcome)) {
            throw ApiException.invalid("outcome", "outcome must be CREATED, MATCHED or REJECTED");
        }
        int size = Math.max(1, Math.min(limit, 1000));
        List<ImportJob.Row> rows = jobs.rows(jobId, outcome, after == null ? 0 : after, size);
        return Page.of(rows, rows.size() < size ? null : String.valueOf(rows.get(rows.size() - 1).line()));
    }

    @PostMapping("/call-campaigns/{id}/from-saved-search")
    @Operation(summary = "Add one call per partner a saved search finds now (partners already listed are skipped)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = SavedSearchListInput.class)))
    public Campaigns.Built fromSavedSearch(@PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        Long[] search = {null};
        JsonFields.of(body, Set.of("savedSearchId")).id("savedSearchId", v -> search[0] = v);
        return campaigns.fromSavedSearch(actor, id, search[0]);
    }

    @PostMapping("/call-campaigns/{id}/from-category")
    @Operation(summary = "Add one call per partner of a category (partners already listed are skipped)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CategoryInput.class)))
    public Campaigns.Built fromCategory(@PathVariable long id, @RequestBody JsonNode body, @AuthenticationPrincipal SwitchboardUser actor) {
        String[] category = {null};
        JsonFields.of(body, Set.of("category")).string("category", 40, v -> category[0] = v);
        return campaigns.fromCategory(actor, id, category[0]);
    }

    private static ResponseEntity<ImportJob> accepted(ImportJob job) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/call-imports/" + job.id())).body(job);
    }
}
