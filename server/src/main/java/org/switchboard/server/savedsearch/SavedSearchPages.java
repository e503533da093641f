package org.switchboard.server.savedsearch;

import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;

/** "Save this search" on the partner list. */
@Controller
class SavedSearchPages {
    private final SavedSearches searches;

    SavedSearchPages(SavedSearches searches) {
        this.searches = searches;
    }

    @PostMapping("/saved-searches")
    String save(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) String name, @RequestParam(required = false) String text,
            @RequestParam(required = false) String category, @RequestParam(defaultValue = "false") boolean shared, RedirectAttributes flash) {
        try {
            SavedSearch s = searches.save(me, blankToNull(name), blankToNull(text), null, blankToNull(category), shared);
            flash.addFlashAttribute("notice", "Search saved as '" + s.name() + "'. Call-centre managers can build a call list from it.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/partners").queryParamIfPresent("q", Optional.ofNullable(blankToNull(text)))
                .queryParamIfPresent("category", Optional.ofNullable(blankToNull(category))).encode().build().toUriString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
