package org.switchboard.server.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.mail.spi.Alias;
import org.switchboard.mail.spi.MailDirectory;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerRepository;

/** The router's lookups, on the CRM's tables. An alias's target is "alias:&lt;id&gt;" (see {@link MailAliases}). */
@Component
class DatabaseMailDirectory implements MailDirectory {
    private final JdbcClient jdbc;
    private final PartnerRepository partners;
    private final MailThreads threads;
    static final Duration ALIAS_TTL = Duration.ofSeconds(10);
    private final Cache<String, Optional<Long>> aliasIds = Caffeine.newBuilder().expireAfterWrite(ALIAS_TTL).maximumSize(10_000).build();
    /** Routing reads the alias behind a target twice per new case (team and type, partner by domain): kept as long as the ids. */
    private final Cache<String, Optional<MailAliases.MailAlias>> aliasesByTarget = Caffeine.newBuilder().expireAfterWrite(ALIAS_TTL)
            .maximumSize(10_000).build();

    private final MailAliases aliases;
    private final CompanyByDomain companies;
    private final boolean partnerByDomain;

    DatabaseMailDirectory(JdbcClient jdbc, PartnerRepository partners, MailThreads threads, MailAliases aliases, CompanyByDomain companies,
            MailSettings settings) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.threads = threads;
        this.aliases = aliases;
        this.companies = companies;
        this.partnerByDomain = settings.partnerByDomain();
    }

    @Override
    public Optional<Alias> alias(String address) {
        return aliasIds.get("a:" + address, k -> jdbc.sql("SELECT id FROM mail_alias WHERE address = ? AND NOT catch_all").param(address)
                .query(Long.class).optional()).map(id -> new Alias(address, MailAliases.target(id), false));
    }

    @Override
    public Optional<Alias> catchAll(String domain) {
        String address = "@" + domain;
        return aliasIds.get("c:" + address, k -> jdbc.sql("SELECT id FROM mail_alias WHERE address = ? AND catch_all").param(address)
                .query(Long.class).optional()).map(id -> new Alias(address, MailAliases.target(id), true));
    }

    /** After an alias was added or changed on this node. */
    void aliasesChanged() {
        aliasIds.invalidateAll();
        aliasesByTarget.invalidateAll();
    }

    /** The alias a routing target names ("alias:&lt;id&gt;"), cached like the addresses (10 s, cleared by {@link #aliasesChanged}). */
    Optional<MailAliases.MailAlias> aliasOf(String target) {
        return aliasesByTarget.get(target, aliases::byTarget);
    }

    @Override
    public Optional<Long> caseByMessageId(String messageId) {
        return threads.caseOf(List.of(messageId));
    }

    @Override
    public boolean caseExists(long caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_case WHERE id = ?").param(caseId).query(Long.class).single() > 0;
    }

    @Override
    public Optional<String> outboundByMessageId(String messageId) {
        return jdbc.sql("SELECT outbox_id FROM mail_message WHERE message_id = ? AND outbox_id IS NOT NULL ORDER BY id LIMIT 1")
                .param(messageId).query(Long.class).optional().map(String::valueOf);
    }

    /** Only when the alias (else {@code switchboard.mail.partner-by-domain}) asks for it; see {@link CompanyByDomain}. */
    @Override
    public Optional<String> companyByDomain(String address, Alias alias) {
        boolean enabled = aliasOf(alias.target()).map(MailAliases.MailAlias::partnerByDomain).orElse(partnerByDomain);
        return enabled ? companies.of(address.toLowerCase(java.util.Locale.ROOT)).map(String::valueOf) : Optional.empty();
    }

    @Override
    public Optional<String> partnerByAddress(String address) {
        String normalized = EmailAddress.normalize(address);
        return normalized == null ? Optional.empty()
                : partners.findByEmail(normalized).stream().findFirst().map(Partner::id).map(String::valueOf);
    }
}
