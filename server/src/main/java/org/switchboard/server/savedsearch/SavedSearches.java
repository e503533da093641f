package org.switchboard.server.savedsearch;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.partner.PartnerKind;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.Role;

/** Saving, listing and removing partner searches. Anyone may save; a shared search is removed by its owner or an administrator. */
@Service
public class SavedSearches {
    private final SavedSearchRepository searches;

    SavedSearches(SavedSearchRepository searches) {
        this.searches = searches;
    }

    public List<SavedSearch> visibleTo(SwitchboardUser user) {
        return searches.visibleTo(user.id());
    }

    /** A search the user may run: her own or a shared one; 404 otherwise (another's private search is not revealed). */
    public SavedSearch get(SwitchboardUser user, long id) {
        return searches.find(id).filter(s -> s.shared() || s.ownerId() == user.id())
                .orElseThrow(() -> ApiException.notFound("saved search", id));
    }

    @Transactional
    public SavedSearch save(SwitchboardUser owner, String name, String text, PartnerKind kind, String category, boolean shared) {
        if (name == null) {
            throw ApiException.invalid("name", "name is required");
        }
        tooLong("name", name, 100);
        tooLong("text", text, 200);
        tooLong("category", category, 40);
        if (text == null && kind == null && category == null) {
            throw ApiException.invalid("filter", "a saved search needs at least one of text, kind and category: otherwise it is every partner");
        }
        if (searches.nameTaken(owner.id(), name)) {
            throw ApiException.invalid("name", "you already have a saved search named '" + name + "'");
        }
        return searches.find(searches.insert(owner.id(), name, text, kind, category, shared)).orElseThrow();
    }

    private static void tooLong(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.invalid(field, field + " is longer than " + max + " characters");
        }
    }

    @Transactional
    public void delete(SwitchboardUser user, long id) {
        SavedSearch s = get(user, id);
        if (s.ownerId() != user.id() && user.role() != Role.ADMIN) {
            throw ApiException.forbidden("only its owner or an administrator removes a shared search");
        }
        searches.delete(id);
    }
}
