package org.switchboard.server.mail;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.team.Team;
import org.switchboard.server.team.TeamRepository;

/**
 * The administrator's mail pages: routing decisions (filtered by outcome, linked to their case), dead
 * letters with a Replay button, aliases with forms to add, change and delete one. Only administrators reach {@code /mail/**}
 * (SecurityConfig); the pages go through the same classes as {@code /api/v1/mail}.
 */
@Controller
public class MailPages {
    private static final int SHOWN = 200;
    private final RoutingDecisions decisions;
    private final SpoolRouter router;
    private final MailAliases aliases;
    private final DatabaseMailDirectory directory;
    private final TeamRepository teams;

    MailPages(RoutingDecisions decisions, SpoolRouter router, MailAliases aliases, DatabaseMailDirectory directory, TeamRepository teams) {
        this.decisions = decisions;
        this.router = router;
        this.aliases = aliases;
        this.directory = directory;
        this.teams = teams;
    }

    @GetMapping("/mail/decisions")
    public String decisions(@RequestParam(required = false) String kind, Model model) {
        String k = kind == null || kind.isBlank() ? null : kind.strip().toUpperCase(Locale.ROOT);
        List<RoutingDecisions.Decision> list;
        try {
            list = decisions.list(k, SHOWN);
        } catch (ApiException e) {
            model.addAttribute("error", "Unknown outcome '" + kind + "'.");
            list = decisions.list(null, SHOWN);
            k = null;
        }
        return page(model, "mail-decisions", "Routing decisions", k, list);
    }

    @GetMapping("/mail/dead-letters")
    public String deadLetters(Model model) {
        return page(model, "mail-dead-letters", "Dead letters", "DEAD_LETTER", decisions.list("DEAD_LETTER", SHOWN));
    }

    private static String page(Model model, String view, String title, String kind, List<RoutingDecisions.Decision> list) {
        model.addAttribute("view", view);
        model.addAttribute("title", title);
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", RoutingDecisions.KINDS.stream().sorted().toList());
        model.addAttribute("decisions", list);
        return "mail/decisions";
    }

    @PostMapping("/mail/dead-letters/{inboundId}/replay")
    public String replay(@PathVariable long inboundId, RedirectAttributes flash) {
        if (router.replay(inboundId)) {
            flash.addFlashAttribute("notice", "Message " + inboundId + " is routed again from its stored bytes.");
        } else {
            flash.addFlashAttribute("error", "Message " + inboundId + " is no dead letter (any more).");
        }
        return "redirect:/mail/dead-letters";
    }

    @GetMapping("/mail/aliases")
    public String aliases(Model model) {
        model.addAttribute("view", "mail-aliases");
        model.addAttribute("aliases", aliases.list());
        List<Team> all = teams.findAll();
        model.addAttribute("teams", all);
        model.addAttribute("teamNames", all.stream().collect(java.util.stream.Collectors.toMap(Team::id, Team::name)));
        return "mail/aliases";
    }

    @PostMapping("/mail/aliases")
    public String createAlias(@RequestParam(required = false) String address, @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String caseType, @RequestParam(required = false) String catchAll,
            @RequestParam(required = false) String reopenClosed, @RequestParam(required = false) String partnerByDomain,
            RedirectAttributes flash) {
        try {
            MailAliases.MailAlias created = aliases.create(form(address, teamId, caseType, catchAll, reopenClosed, partnerByDomain));
            directory.aliasesChanged();
            flash.addFlashAttribute("notice", "Alias " + created.address() + " added.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/mail/aliases";
    }

    @GetMapping("/mail/aliases/{id}/edit")
    public String editAlias(@PathVariable long id, Model model) {
        model.addAttribute("view", "mail-aliases");
        model.addAttribute("alias", aliases.find(id).orElseThrow(() -> ApiException.notFound("alias", id)));
        model.addAttribute("teams", teams.findAll());
        return "mail/alias-edit";
    }

    @PostMapping("/mail/aliases/{id}")
    public String updateAlias(@PathVariable long id, @RequestParam(required = false) String address, @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String caseType, @RequestParam(required = false) String catchAll,
            @RequestParam(required = false) String reopenClosed, @RequestParam(required = false) String partnerByDomain,
            RedirectAttributes flash) {
        try {
            MailAliases.MailAlias updated = aliases.update(id, form(address, teamId, caseType, catchAll, reopenClosed, partnerByDomain));
            directory.aliasesChanged();
            flash.addFlashAttribute("notice", "Alias " + updated.address() + " saved.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/mail/aliases/" + id + "/edit";
        }
        return "redirect:/mail/aliases";
    }

    @PostMapping("/mail/aliases/{id}/delete")
    public String deleteAlias(@PathVariable long id, RedirectAttributes flash) {
        String address = aliases.find(id).map(MailAliases.MailAlias::address).orElse("#" + id);
        if (aliases.delete(id)) {
            directory.aliasesChanged();
            flash.addFlashAttribute("notice", "Alias " + address + " deleted. Its cases stay; new mail to it is refused as to any unknown address.");
        } else {
            flash.addFlashAttribute("error", "Alias " + address + " does not exist (any more).");
        }
        return "redirect:/mail/aliases";
    }

    /** The alias form's fields: an unchecked box is absent, "as configured" is empty. */
    private static MailAliases.NewAlias form(String address, String teamId, String caseType, String catchAll, String reopenClosed,
            String partnerByDomain) {
        Long team = teamId == null || teamId.isBlank() ? null : number(teamId);
        Boolean byDomain = partnerByDomain == null || partnerByDomain.isBlank() ? null : Boolean.valueOf(partnerByDomain);
        return new MailAliases.NewAlias(address, team, caseType, catchAll != null, reopenClosed != null, byDomain);
    }

    private static long number(String teamId) {
        try {
            return Long.parseLong(teamId.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("teamId", "'" + teamId + "' is not a team");
        }
    }
}
