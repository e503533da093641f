package org.switchboard.server.mail;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.partner.EmailAddress;

/** The {@code mail_alias} table: which addresses we accept and what a new message there creates. */
@Component
class MailAliases {
    private static final String TARGET_PREFIX = "alias:";
    private final JdbcClient jdbc;

    MailAliases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param address  lower case; a catch-all is "@domain"
     * @param caseType LEAD or OPPORTUNITY
     */
    /** @param partnerByDomain link unknown senders to the company of their domain; null: as switchboard.mail.partner-by-domain */
    record MailAlias(long id, String address, Long teamId, String caseType, boolean catchAll, boolean reopenClosed, Boolean partnerByDomain) {
    }

    /**
     * What an administrator asks for (API body, alias form).
     *
     * @param partnerByDomain true/false overrides switchboard.mail.partner-by-domain for this alias; null follows it
     */
    record NewAlias(String address, Long teamId, String caseType, Boolean catchAll, Boolean reopenClosed, Boolean partnerByDomain) {
    }

    /** Checks and inserts; a wrong field is a 400 naming it, an existing address a 409. The caller refreshes the directory's cache. */
    MailAlias create(NewAlias a) {
        Checked c = check(a, null);
        long id = insert(c.address(), a.teamId(), c.caseType(), c.catchAll(), Boolean.TRUE.equals(a.reopenClosed()), a.partnerByDomain());
        return find(id).orElseThrow();
    }

    /**
     * Replaces what alias {@code id} is (address included) with the same checks as {@link #create}; 404 when there
     * is no such alias. Cases already created through it are not touched. The caller refreshes the directory's cache.
     */
    MailAlias update(long id, NewAlias a) {
        if (find(id).isEmpty()) {
            throw ApiException.notFound("alias", id);
        }
        Checked c = check(a, id);
        jdbc.sql("UPDATE mail_alias SET address = ?, team_id = ?, case_type = ?, catch_all = ?, reopen_closed = ?, partner_by_domain = ? WHERE id = ?")
                .params(c.address(), a.teamId(), c.caseType(), c.catchAll(), Boolean.TRUE.equals(a.reopenClosed()), a.partnerByDomain(), id)
                .update();
        return find(id).orElseThrow();
    }

    /**
     * Removes alias {@code id}; false when there was none. No case, message or decision refers to an alias (a
     * routed message keeps its case, its bytes and its decision), so nothing routed through it is lost. From then
     * on the listener refuses new mail to the address at RCPT like any unknown recipient (550), unless a
     * catch-all of its domain takes it; a message spooled before and routed after becomes a dead letter ("no
     * alias"), which can be replayed once an alias exists again. Replies to its cases still reach them (their
     * reply addresses are signed, not looked up). The caller refreshes the directory's cache.
     */
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM mail_alias WHERE id = ?").param(id).update() == 1;
    }

    private record Checked(String address, String caseType, boolean catchAll) {
    }

    /** A wrong field is a 400 naming it; an address another alias (not {@code self}) has, a 409. */
    private Checked check(NewAlias a, Long self) {
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
        if (byAddress(address).filter(existing -> !Long.valueOf(existing.id()).equals(self)).isPresent()) {
            throw ApiException.conflict("alias " + address + " exists");
        }
        return new Checked(address, type, catchAll);
    }

    static String target(long id) {
        return TARGET_PREFIX + id;
    }

    Optional<MailAlias> byTarget(String target) {
        return target.startsWith(TARGET_PREFIX) ? find(Long.parseLong(target.substring(TARGET_PREFIX.length()))) : Optional.empty();
    }

    Optional<MailAlias> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(MailAliases::map).optional();
    }

    Optional<MailAlias> byAddress(String address) {
        return jdbc.sql(SELECT + " WHERE address = ?").param(address.toLowerCase(Locale.ROOT)).query(MailAliases::map).optional();
    }

    /** The address answers from a case of this team go out from (and replies come back to). */
    Optional<String> replyAddressOfTeam(Long teamId) {
        if (teamId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT address FROM mail_alias WHERE team_id = ? AND NOT catch_all ORDER BY id LIMIT 1").param(teamId)
                .query(String.class).optional();
    }

    List<MailAlias> list() {
        return jdbc.sql(SELECT + " ORDER BY address").query(MailAliases::map).list();
    }

    long insert(String address, Long teamId, String caseType, boolean catchAll, boolean reopenClosed, Boolean partnerByDomain) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO mail_alias (address, team_id, case_type, catch_all, reopen_closed, partner_by_domain) VALUES (?, ?, ?, ?, ?, ?)")
                .params(address.toLowerCase(Locale.ROOT), teamId, caseType, catchAll, reopenClosed, partnerByDomain).update(keys, "id");
        return keys.getKey().longValue();
    }

    private static final String SELECT = "SELECT id, address, team_id, case_type, catch_all, reopen_closed, partner_by_domain FROM mail_alias";

    private static MailAlias map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long team = rs.getLong("team_id");
        return new MailAlias(rs.getLong("id"), rs.getString("address"), rs.wasNull() ? null : team, rs.getString("case_type"),
                rs.getBoolean("catch_all"), rs.getBoolean("reopen_closed"), (Boolean) rs.getObject("partner_by_domain", Boolean.class));
    }
}
