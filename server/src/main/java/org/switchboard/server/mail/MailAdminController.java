package org.switchboard.server.mail;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.Role;

/** What an administrator sees and does: routing decisions, dead-letter replay, aliases. */
@RestController
@RequestMapping("/api/v1/mail")
class MailAdminController {
    private final RoutingDecisions decisions;
    private final SpoolRouter router;
    private final MailAliases aliases;
    private final DatabaseMailDirectory directory;

    MailAdminController(RoutingDecisions decisions, SpoolRouter router, MailAliases aliases, DatabaseMailDirectory directory) {
        this.decisions = decisions;
        this.router = router;
        this.aliases = aliases;
        this.directory = directory;
    }

    /** The newest decisions first; {@code kind} filters (NEW_CASE, REPLY, BOUNCE, DROPPED, DEAD_LETTER, HANDED_IN, ITIP_REPLY). */
    @GetMapping("/decisions")
    List<RoutingDecisions.Decision> decisions(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "100") int limit,
            @AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        return decisions.list(kind, limit);
    }

    /** Routes a dead letter again from its stored bytes (after an alias was added, a bug fixed...). */
    @PostMapping("/dead-letters/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void replay(@PathVariable long id, @AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        if (!router.replay(id)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no dead letter " + id, null);
        }
    }

    @GetMapping("/aliases")
    List<MailAliases.MailAlias> aliases(@AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        return aliases.list();
    }

    /** @param partnerByDomain true/false overrides switchboard.mail.partner-by-domain for this alias; absent follows it */
    @PostMapping("/aliases")
    @ResponseStatus(HttpStatus.CREATED)
    MailAliases.MailAlias createAlias(@RequestBody MailAliases.NewAlias a, @AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        MailAliases.MailAlias created = aliases.create(a);
        directory.aliasesChanged();
        return created;
    }

    /** Changes an alias (address included); cases created through it stay as they are. */
    @PutMapping("/aliases/{id}")
    MailAliases.MailAlias updateAlias(@PathVariable long id, @RequestBody MailAliases.NewAlias a, @AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        MailAliases.MailAlias updated = aliases.update(id, a);
        directory.aliasesChanged();
        return updated;
    }

    /** Removes an alias; what was routed through it stays, new mail to it is refused as to any unknown address. */
    @DeleteMapping("/aliases/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteAlias(@PathVariable long id, @AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        if (!aliases.delete(id)) {
            throw ApiException.notFound("alias", id);
        }
        directory.aliasesChanged();
    }

    private static void requireAdmin(SwitchboardUser actor) {
        if (actor.role() != Role.ADMIN) {
            throw ApiException.forbidden("only an administrator manages mail");
        }
    }
}
