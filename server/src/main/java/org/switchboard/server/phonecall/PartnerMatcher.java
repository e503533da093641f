package org.switchboard.server.phonecall;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerDraft;
import org.switchboard.server.partner.PartnerRepository;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds the partner a caller or a call-list row is about, or creates it: by phone number (E.164), then by
 * email, then by company name; else a new company and/or person. Matching before creating is what makes
 * an import or an unknown caller not multiply partners.
 */
@Component
class PartnerMatcher {
    private final PartnerRepository partners;
    private final JdbcClient jdbc;

    PartnerMatcher(PartnerRepository partners, JdbcClient jdbc) {
        this.partners = partners;
        this.jdbc = jdbc;
    }

    /** The commercial partner, the contact (a person of that company, or null) and whether anything was created. */
    record Match(long partnerId, Long contactId, String partnerName, String contactName, boolean created) {
    }

    /** {@code phone} is E.164 or null; at least one of company and contact names a party. */
    Match matchOrCreate(String company, String contact, String phone, String email) {
        Optional<Match> found = byPhone(phone).or(() -> byEmail(email));
        if (found.isPresent()) {
            return found.get();
        }
        if (company != null) {
            Optional<Partner> existing = partners.findCompanyByName(company);
            if (existing.isPresent()) {
                Partner c = existing.get();
                if (contact == null) {
                    return new Match(c.id(), null, c.name(), null, false);
                }
                Optional<Partner> person = partners.contacts(c.id()).stream().filter(p -> p.name().equalsIgnoreCase(contact)).findFirst();
                if (person.isPresent()) {
                    return new Match(c.id(), person.get().id(), c.name(), person.get().name(), false);
                }
                long personId = partners.insert(PartnerDraft.person(contact, c.id(), email, phone));
                return new Match(c.id(), personId, c.name(), contact, false);
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("kind", "COMPANY").put("name", company);
            if (contact == null && phone != null) {
                body.put("phone", phone);
            }
            long companyId = partners.insert(new PartnerDraft().apply(body));
            Long personId = contact == null ? null : partners.insert(PartnerDraft.person(contact, companyId, email, phone));
            return new Match(companyId, personId, company, contact, true);
        }
        if (contact == null) {
            throw new IllegalArgumentException("no company or contact name");
        }
        long personId = partners.insert(PartnerDraft.person(contact, null, email, phone));
        return new Match(personId, null, contact, null, true);
    }

    private Optional<Match> byPhone(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        List<Long> ids = jdbc.sql("""
                SELECT id FROM partner WHERE (phone = ? OR mobile = ?) AND NOT archived
                ORDER BY CASE kind WHEN 'PERSON' THEN 0 ELSE 1 END, id LIMIT 1
                """).params(phone, phone).query(Long.class).list();
        return ids.stream().findFirst().flatMap(partners::find).map(PartnerMatcher::of);
    }

    private Optional<Match> byEmail(String email) {
        String address = EmailAddress.normalize(email);
        if (address == null) {
            return Optional.empty();
        }
        return partners.findByEmail(address).stream().findFirst().map(PartnerMatcher::of);
    }

    /** A person of a company is the contact; the company is the commercial partner. */
    private static Match of(Partner p) {
        if (p.companyId() != null) {
            return new Match(p.companyId(), p.id(), p.companyName(), p.name(), false);
        }
        return new Match(p.id(), null, p.name(), null, false);
    }

    static String key(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
