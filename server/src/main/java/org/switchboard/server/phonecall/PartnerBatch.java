package org.switchboard.server.phonecall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.PartnerDraft;
import org.switchboard.server.partner.PartnerRepository;

/**
 * Partner matching for many rows at once. The constructor reads, in four queries, every partner the rows
 * could match (by phone, by email, companies by name, and those companies' people); {@link #match} then
 * applies the rules row by row in memory, in file order, remembering what earlier rows created so that
 * three rows of one new company create one company; {@link #create} inserts what was created, companies
 * first, in two batches. Row by row this took a dozen queries per row: 100 rows a second.
 *
 * <p>An import writes a batch while it matches the next one (ADR 0024): the next batch's queries do not see
 * the partners the batch before it is still writing, so it starts from what that batch created
 * ({@code before}), exactly as if those rows had been read from the database. Those partners have their
 * ids already ({@link #allocateIds}).
 */
final class PartnerBatch {
    private final PartnerRepository partners;
    private final Map<String, Party> byPhone = new HashMap<>();
    private final Map<String, Party> byEmail = new HashMap<>();
    private final Map<String, Party> companiesByName = new HashMap<>();
    /** Company → its people by name key. */
    private final Map<Party, Map<String, Party>> people = new HashMap<>();
    private final List<Party> newCompanies = new ArrayList<>();
    private final List<Party> newPeople = new ArrayList<>();

    /** A partner that exists, or that this batch will create ({@code id} null until {@link #create}). */
    static final class Party {
        private Long id;
        private final String name;
        private final Party company;
        /** The row that creates it; null when it exists. */
        private final PartnerMatcher.Wanted origin;

        private Party(Long id, String name, Party company, PartnerMatcher.Wanted origin) {
            this.id = id;
            this.name = name;
            this.company = company;
            this.origin = origin;
        }

        long id() {
            return Objects.requireNonNull(id, "created when the batch is");
        }
    }

    /** The match of one row; its ids are known once the batch is created. */
    record Result(Party partner, Party contact, boolean created) {
        PartnerMatcher.Match match() {
            return new PartnerMatcher.Match(partner.id(), contact == null ? null : contact.id(), partner.name,
                    contact == null ? null : contact.name, created);
        }
    }

    PartnerBatch(PartnerRepository partners, JdbcClient jdbc, List<PartnerMatcher.Wanted> rows, PartnerBatch before) {
        this.partners = partners;
        Map<Long, Party> known = new HashMap<>();
        if (before != null) {
            remember(known, before);
        }
        Set<String> phones = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (PartnerMatcher.Wanted w : rows) {
            if (w.phone() != null) {
                phones.add(w.phone());
            }
            String address = EmailAddress.normalize(w.email());
            if (address != null) {
                emails.add(address);
            }
            if (w.company() != null) {
                names.add(PartnerMatcher.key(w.company()));
            }
        }
        // People before companies, then the oldest: the order in which a number or an address is attributed.
        if (!phones.isEmpty()) {
            jdbc.sql("""
                    SELECT p.id, p.name, p.phone, p.mobile, p.company_id, c.name AS company_name FROM partner p
                    LEFT JOIN partner c ON c.id = p.company_id
                    WHERE (p.phone = ANY(?) OR p.mobile = ANY(?)) AND NOT p.archived
                    ORDER BY CASE p.kind WHEN 'PERSON' THEN 0 ELSE 1 END, p.id
                    """).params(array(phones), array(phones)).query(rs -> {
                        Party p = known(known, rs.getLong("id"), rs.getString("name"), rs.getObject("company_id", Long.class),
                                rs.getString("company_name"));
                        for (String number : new String[] {rs.getString("phone"), rs.getString("mobile")}) {
                            if (number != null && phones.contains(number)) {
                                byPhone.putIfAbsent(number, p);
                            }
                        }
                    });
        }
        if (!emails.isEmpty()) {
            jdbc.sql("""
                    SELECT e.address, p.id, p.name, p.company_id, c.name AS company_name FROM partner_email e
                    JOIN partner p ON p.id = e.partner_id LEFT JOIN partner c ON c.id = p.company_id
                    WHERE e.address = ANY(?) AND NOT p.archived
                    ORDER BY CASE p.kind WHEN 'PERSON' THEN 0 ELSE 1 END, p.id
                    """).param(array(emails)).query(rs -> {
                        byEmail.putIfAbsent(rs.getString("address"), known(known, rs.getLong("id"), rs.getString("name"),
                                rs.getObject("company_id", Long.class), rs.getString("company_name")));
                    });
        }
        if (!names.isEmpty()) {
            jdbc.sql("SELECT id, name, lower(name) AS name_key FROM partner WHERE kind = 'COMPANY' AND NOT archived AND lower(name) = ANY(?)"
                    + " ORDER BY id").param(array(names)).query(rs -> {
                        companiesByName.putIfAbsent(rs.getString("name_key"), known(known, rs.getLong("id"), rs.getString("name"), null, null));
                    });
        }
        if (!companiesByName.isEmpty()) {
            Map<Long, Party> companies = new HashMap<>();
            companiesByName.values().forEach(c -> companies.put(c.id, c));
            jdbc.sql("SELECT id, name, company_id FROM partner WHERE company_id = ANY(?) AND NOT archived ORDER BY name, id")
                    .param(companies.keySet().toArray(Long[]::new)).query(rs -> {
                        Party company = companies.get(rs.getLong("company_id"));
                        String name = rs.getString("name");
                        people.computeIfAbsent(company, c -> new HashMap<>()).putIfAbsent(PartnerMatcher.key(name),
                                known.computeIfAbsent(rs.getLong("id"), id -> new Party(id, name, company, null)));
                    });
        }
    }

    /**
     * The partners the batch before this one created, filed as {@link #match} filed them there (each was
     * created because none of its keys named a partner yet, so the keys are free here too), and known by id
     * so that the same partner read back from the database, once that batch has committed, is the same party.
     */
    private void remember(Map<Long, Party> known, PartnerBatch before) {
        for (Party company : before.newCompanies) {
            known.put(company.id(), company);
            companiesByName.putIfAbsent(PartnerMatcher.key(company.name), company);
            if (company.origin.contact() == null && company.origin.phone() != null) {
                byPhone.putIfAbsent(company.origin.phone(), company);
            }
        }
        for (Party person : before.newPeople) {
            known.put(person.id(), person);
            if (person.company != null) {
                known.putIfAbsent(person.company.id(), person.company);
                people.computeIfAbsent(person.company, c -> new HashMap<>()).putIfAbsent(PartnerMatcher.key(person.name), person);
            }
            if (person.origin.phone() != null) {
                byPhone.putIfAbsent(person.origin.phone(), person);
            }
            String address = EmailAddress.normalize(person.origin.email());
            if (address != null) {
                byEmail.putIfAbsent(address, person);
            }
        }
    }

    /**
     * One array parameter ({@code = ANY(?)}) rather than an IN list of a thousand: one short statement to
     * parse and plan per lookup instead of a thousand bind parameters.
     */
    static String[] array(Set<String> values) {
        return values.toArray(String[]::new);
    }

    /**
     * The party with this id, made once. Its company is made first: filling the map from inside
     * computeIfAbsent's own function is what HashMap refuses (ConcurrentModificationException), which
     * stopped any import where a row's phone or e-mail belonged to a person of a company not yet known.
     */
    private static Party known(Map<Long, Party> known, long id, String name, Long companyId, String companyName) {
        Party party = known.get(id);
        if (party == null) {
            Party company = companyId == null ? null : known.computeIfAbsent(companyId, c -> new Party(c, companyName, null, null));
            party = new Party(id, name, company, null);
            known.put(id, party);
        }
        return party;
    }

    /** By phone, then email, then company name (and the contact among its people); else creates. */
    Result match(PartnerMatcher.Wanted w) {
        String address = EmailAddress.normalize(w.email());
        Party found = w.phone() == null ? null : byPhone.get(w.phone());
        if (found == null && address != null) {
            found = byEmail.get(address);
        }
        if (found != null) {
            return found.company != null ? new Result(found.company, found, false) : new Result(found, null, false);
        }
        if (w.company() != null) {
            Party company = companiesByName.get(PartnerMatcher.key(w.company()));
            if (company != null) {
                if (w.contact() == null) {
                    return new Result(company, null, false);
                }
                Party person = people.getOrDefault(company, Map.of()).get(PartnerMatcher.key(w.contact()));
                return new Result(company, person != null ? person : newPerson(w, company, address), false);
            }
            company = new Party(null, w.company(), null, w);
            newCompanies.add(company);
            companiesByName.put(PartnerMatcher.key(w.company()), company);
            if (w.contact() == null && w.phone() != null) {
                byPhone.put(w.phone(), company);
            }
            return new Result(company, w.contact() == null ? null : newPerson(w, company, address), true);
        }
        if (w.contact() == null) {
            throw new IllegalArgumentException("no company or contact name");
        }
        return new Result(newPerson(w, null, address), null, true);
    }

    private Party newPerson(PartnerMatcher.Wanted w, Party company, String address) {
        Party person = new Party(null, w.contact(), company, w);
        newPeople.add(person);
        if (company != null) {
            people.computeIfAbsent(company, c -> new HashMap<>()).put(PartnerMatcher.key(w.contact()), person);
        }
        if (w.phone() != null) {
            byPhone.put(w.phone(), person);
        }
        if (address != null) {
            byEmail.put(address, person);
        }
        return person;
    }

    /**
     * Takes ids for the partners to create now, before they are written, so that the next batch can name
     * them (PostgreSQL; elsewhere {@link #create} gets them from the insert, and batches are not written
     * side by side).
     */
    void allocateIds() {
        if (!partners.allocatesIds()) {
            return;
        }
        assign(newCompanies, partners.allocateIds(newCompanies.size()));
        assign(newPeople, partners.allocateIds(newPeople.size()));
    }

    /**
     * Inserts the partners the matched rows need: companies first, whose ids their people carry. The lists
     * stay as they are: the next batch may be reading them ({@link #remember}).
     */
    void create() {
        // A company created without a contact carries the row's number (it is the one to call).
        List<PartnerDraft> companies = newCompanies.stream()
                .map(c -> PartnerDraft.company(c.name, c.origin.contact() == null ? c.origin.phone() : null)).toList();
        insert(newCompanies, companies);
        List<PartnerDraft> persons = newPeople.stream()
                .map(p -> PartnerDraft.person(p.name, p.company == null ? null : p.company.id(), p.origin.email(), p.origin.phone())).toList();
        insert(newPeople, persons);
    }

    /** With the ids {@link #allocateIds} took, which the next batch may be reading; else the insert's own. */
    private void insert(List<Party> parties, List<PartnerDraft> drafts) {
        if (parties.isEmpty()) {
            return;
        }
        if (parties.get(0).id != null) {
            partners.insertAll(drafts, parties.stream().map(Party::id).toList());
        } else {
            assign(parties, partners.insertAll(drafts));
        }
    }

    private static void assign(List<Party> parties, List<Long> ids) {
        for (int i = 0; i < parties.size(); i++) {
            parties.get(i).id = ids.get(i);
        }
    }
}
