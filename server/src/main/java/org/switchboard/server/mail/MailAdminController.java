package org.switchboard.server.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.Role;

/** What an administrator sees and does: routing decisions, dead-letter replay, aliases. */
@RestController
@RequestMapping("/api/v1/mail")
class MailAdminController {
    private final JdbcClient jdbc;
    private final SpoolRouter router;
    private final MailAliases aliases;
    private final DatabaseMailDirectory directory;

    MailAdminController(JdbcClient jdbc, SpoolRouter router, MailAliases aliases, DatabaseMailDirectory directory) {
        this.jdbc = jdbc;
        this.router = router;
        this.aliases = aliases;
        this.directory = directory;
    }

    record Decision(long id, long inboundId, String kind, Long caseId, Long outboxId, String summary, Instant decidedAt,
            String messageId, String sender, String recipients, String state) {
    }

    /** The newest decisions first; {@code kind} filters (NEW_CASE, REPLY, BOUNCE, DROPPED, DEAD_LETTER). */
    @GetMapping("/decisions")
    List<Decision> decisions(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "100") int limit,
            @AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        int n = Math.max(1, Math.min(limit, 1000));
        String where = kind == null ? "" : " WHERE d.kind = ?";
        var query = jdbc.sql("""
                SELECT d.id, d.inbound_id, d.kind, d.case_id, d.outbox_id, d.summary, d.decided_at, m.message_id, m.sender, m.recipients, m.state
                FROM routing_decision d JOIN inbound_message m ON m.id = d.inbound_id""" + where + " ORDER BY d.id DESC LIMIT " + n);
        if (kind != null) {
            query = query.param(kind.toUpperCase(Locale.ROOT));
        }
        return query.query((rs, row) -> new Decision(rs.getLong("id"), rs.getLong("inbound_id"), rs.getString("kind"),
                (Long) rs.getObject("case_id", Long.class), (Long) rs.getObject("outbox_id", Long.class), rs.getString("summary"),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant(), rs.getString("message_id"), rs.getString("sender"),
                rs.getString("recipients"), rs.getString("state"))).list();
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
    record NewAlias(String address, Long teamId, String caseType, Boolean catchAll, Boolean reopenClosed, Boolean partnerByDomain) {
    }

    @PostMapping("/aliases")
    @ResponseStatus(HttpStatus.CREATED)
    MailAliases.MailAlias createAlias(@RequestBody NewAlias a, @AuthenticationPrincipal SwitchboardUser actor) {
        requireAdmin(actor);
        boolean catchAll = Boolean.TRUE.equals(a.catchAll());
        String address = a.address() == null ? "" : a.address().strip().toLowerCase(Locale.ROOT);
        boolean valid = catchAll ? address.matches("@[a-z0-9.-]+\\.[a-z0-9-]+") : EmailAddress.isValid(address) && !address.contains("+");
        if (!valid) {
            throw ApiException.invalid("address", catchAll ? "a catch-all is @domain" : "an alias is an address without +detail");
        }
        String type = a.caseType() == null ? "LEAD" : a.caseType().toUpperCase(Locale.ROOT);
        if (!type.equals("LEAD") && !type.equals("OPPORTUNITY")) {
            throw ApiException.invalid("caseType", "LEAD or OPPORTUNITY");
        }
        if (a.teamId() != null && jdbc.sql("SELECT COUNT(*) FROM team WHERE id = ?").param(a.teamId()).query(Long.class).single() == 0) {
            throw ApiException.invalid("teamId", "team " + a.teamId() + " does not exist");
        }
        if (aliases.byAddress(address).isPresent()) {
            throw ApiException.conflict("alias " + address + " exists");
        }
        long id = aliases.insert(address, a.teamId(), type, catchAll, Boolean.TRUE.equals(a.reopenClosed()), a.partnerByDomain());
        directory.aliasesChanged();
        return aliases.find(id).orElseThrow();
    }

    private static void requireAdmin(SwitchboardUser actor) {
        if (actor.role() != Role.ADMIN) {
            throw ApiException.forbidden("only an administrator manages mail");
        }
    }
}
