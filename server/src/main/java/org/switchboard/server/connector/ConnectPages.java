package org.switchboard.server.connector;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.server.security.SwitchboardUser;

/**
 * The pages of an add-in's login (ADR 0009), in the add-in's dialog or tab: behind the normal form login,
 * the user allows or denies the add-in (a CSRF-protected form); the last page carries the one-time code in
 * its URL, where the Thunderbird add-on reads it, and hands it to the Outlook add-in through Office.js.
 */
@Controller
class ConnectPages {
    private final ConnectorLogin login;

    ConnectPages(ConnectorLogin login) {
        this.login = login;
    }

    @GetMapping("/connect/authorize")
    String ask(@RequestParam(required = false) String client, @RequestParam(required = false) String challenge,
            @AuthenticationPrincipal SwitchboardUser me, Model model, HttpServletResponse response) {
        Optional<String> problem = problem(client, challenge);
        if (problem.isPresent()) {
            response.setStatus(400);
            model.addAttribute("problem", problem.get());
            return "connect/authorize";
        }
        AddIn addIn = AddIn.of(client).orElseThrow();
        model.addAttribute("client", addIn.parameter());
        model.addAttribute("clientLabel", addIn.label());
        model.addAttribute("challenge", challenge);
        model.addAttribute("user", me);
        return "connect/authorize";
    }

    @PostMapping("/connect/authorize")
    String answer(@RequestParam(required = false) String client, @RequestParam(required = false) String challenge,
            @RequestParam(required = false) String decision, @AuthenticationPrincipal SwitchboardUser me, Model model,
            HttpServletResponse response) {
        Optional<String> problem = problem(client, challenge);
        if (problem.isPresent()) {
            response.setStatus(400);
            model.addAttribute("problem", problem.get());
            return "connect/authorize";
        }
        if (!"allow".equals(decision)) {
            return "redirect:/connect/done?error=access_denied";
        }
        return "redirect:/connect/done?code=" + login.issueCode(me, AddIn.of(client).orElseThrow(), challenge);
    }

    @GetMapping("/connect/done")
    String done(@RequestParam(required = false) String code, @RequestParam(required = false) String error, Model model,
            HttpServletResponse response) {
        // The code must not linger in caches, nor leave in a Referer (the page may load Office.js from Microsoft).
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        model.addAttribute("denied", error != null);
        model.addAttribute("code", error == null ? code : null);
        model.addAttribute("office", error == null && login.clientOf(code).filter(c -> c == AddIn.OUTLOOK).isPresent());
        return "connect/done";
    }

    private static Optional<String> problem(String client, String challenge) {
        if (AddIn.of(client).isEmpty()) {
            return Optional.of("This link does not name a known add-in (client=thunderbird or client=outlook). Start again from the add-in.");
        }
        if (challenge == null || !ConnectorLogin.CHALLENGE.matcher(challenge).matches()) {
            return Optional.of("This link has no valid challenge. Start again from the add-in.");
        }
        return Optional.empty();
    }
}
