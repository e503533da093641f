package org.switchboard.server.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own page: her API tokens (scripts' and add-ins'), with when each was last used, and Revoke. */
@Controller
public class ProfilePage {
    private final ApiTokens tokens;

    public ProfilePage(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/profile")
    public String profile(@AuthenticationPrincipal SwitchboardUser me, Model model) {
        model.addAttribute("tokens", tokens.list(me.id()));
        model.addAttribute("now", java.time.Instant.now());
        return "profile";
    }

    @PostMapping("/profile/tokens/{id}/revoke")
    public String revoke(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, RedirectAttributes flash) {
        if (tokens.revoke(me.id(), id)) {
            flash.addFlashAttribute("notice", "Token revoked: whatever used it must log in again.");
        } else {
            flash.addFlashAttribute("error", "No such token, or it was already revoked.");
        }
        return "redirect:/profile";
    }
}
