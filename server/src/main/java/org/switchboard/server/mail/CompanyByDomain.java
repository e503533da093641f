package org.switchboard.server.mail;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.storage.Like;

/**
 * The company an unknown address belongs to by its domain: the one company whose website is at that
 * domain, or that has an address there (its own or one of its people's). Never for public mail domains
 * (anyone can have a gmail.com address) and never when two companies claim the domain: a wrong link is
 * worse than none, the salesperson links the lead by hand.
 */
@Component
class CompanyByDomain {
    private final JdbcClient jdbc;
    private final Set<String> publicDomains;

    CompanyByDomain(JdbcClient jdbc, MailSettings settings) {
        this.jdbc = jdbc;
        this.publicDomains = Set.copyOf(settings.publicDomains().stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList());
    }

    /** The company of the address's domain, if exactly one company has it and the domain is not public. */
    Optional<Long> of(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || !domain.contains(".") || publicDomains.contains(domain)) {
            return Optional.empty();
        }
        Set<Long> companies = new LinkedHashSet<>();
        // the expression matches the PostgreSQL index partner_email_domain (V12_1)
        companies.addAll(jdbc.sql("""
                SELECT DISTINCT c.id FROM partner_email e JOIN partner p ON p.id = e.partner_id
                    JOIN partner c ON c.id = CASE WHEN p.kind = 'COMPANY' THEN p.id ELSE p.company_id END
                WHERE SUBSTRING(e.address FROM POSITION('@' IN e.address) + 1) = ? AND NOT p.archived AND NOT c.archived
                ORDER BY c.id LIMIT 2""").param(domain).query(Long.class).list());
        // websites are typed freely ("www.acme.example", "https://acme.example/en"): narrow with LIKE, decide on the host
        List<Website> sites = jdbc.sql("SELECT id, website FROM partner WHERE kind = 'COMPANY' AND NOT archived AND website IS NOT NULL "
                + "AND LOWER(website) LIKE ? ESCAPE '\\' ORDER BY id LIMIT 50").param(Like.contains(domain))
                .query((rs, n) -> new Website(rs.getLong(1), rs.getString(2))).list();
        for (Website site : sites) {
            if (domain.equals(host(site.url()))) {
                companies.add(site.id());
            }
        }
        return companies.size() == 1 ? Optional.of(companies.iterator().next()) : Optional.empty();
    }

    private record Website(long id, String url) {
    }

    /** "https://www.acme.example:8080/en?x" → "acme.example". */
    static String host(String url) {
        String s = url.strip().toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int end = 0;
        while (end < s.length() && "/?#:".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        s = s.substring(0, end);
        int userInfo = s.lastIndexOf('@');
        if (userInfo >= 0) {
            s = s.substring(userInfo + 1);
        }
        if (s.startsWith("www.")) {
            s = s.substring(4);
        }
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
