package org.switchboard.server.savedsearch;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.partner.PartnerKind;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.JsonNode;

/** Saved partner searches: the partner list's filter under a name, private or shared. */
@RestController
@RequestMapping("/api/v1/saved-searches")
@Tag(name = "Saved searches")
public class SavedSearchController {
    private final SavedSearches searches;

    SavedSearchController(SavedSearches searches) {
        this.searches = searches;
    }

    /** Documentation only: the fields mean what the partner list's query parameters q, kind and category mean. */
    @Schema(name = "SavedSearchInput")
    public record SavedSearchInput(String name, String text, PartnerKind kind, String category, Boolean shared) {
    }

    @GetMapping
    public List<SavedSearch> list(@AuthenticationPrincipal SwitchboardUser me) {
        return searches.visibleTo(me);
    }

    @GetMapping("/{id}")
    public SavedSearch get(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id) {
        return searches.get(me, id);
    }

    @PostMapping
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = SavedSearchInput.class)))
    public ResponseEntity<SavedSearch> create(@AuthenticationPrincipal SwitchboardUser me, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("name", "text", "kind", "category", "shared"));
        String[] text = new String[3];
        PartnerKind[] kind = {null};
        boolean[] shared = {false};
        f.string("name", 100, v -> text[0] = v);
        f.string("text", 200, v -> text[1] = v);
        f.enumeration("kind", PartnerKind.class, v -> kind[0] = v);
        f.string("category", 40, v -> text[2] = v);
        f.bool("shared", v -> shared[0] = v);
        SavedSearch s = searches.save(me, text[0], text[1], kind[0], text[2], shared[0]);
        return ResponseEntity.created(URI.create("/api/v1/saved-searches/" + s.id())).body(s);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id) {
        searches.delete(me, id);
        return ResponseEntity.noContent().build();
    }
}
