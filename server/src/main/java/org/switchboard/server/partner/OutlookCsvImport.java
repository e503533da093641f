package org.switchboard.server.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Versions;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports an Outlook contacts file row by row, each row in a transaction of its own: a row is imported
 * whole (its company, the person, her addresses) or not at all, and a bad row does not stop the others.
 * A contact already here (by e-mail address, else by name in its company, a company by name) is completed
 * rather than duplicated: non-empty fields replace, addresses and categories are added, blanks change
 * nothing. So importing a file twice, or our own export, changes nothing the second time.
 */
@Service
class OutlookCsvImport {
    private final PartnerRepository partners;
    private final PartnerService service;
    private final TransactionTemplate tx;

    OutlookCsvImport(PartnerRepository partners, PartnerService service, PlatformTransactionManager transactions) {
        this.partners = partners;
        this.service = service;
        this.tx = new TransactionTemplate(transactions);
    }

    enum Outcome { CREATED, UPDATED, SKIPPED }

    /** @param row the file's row number (the header is row 1, as a spreadsheet shows it) */
    record RowReport(long row, Outcome outcome, Long partnerId, String name, String reason) {
    }

    record Report(int created, int updated, int skipped, String charset, List<String> ignoredColumns, List<RowReport> rows) {
    }

    Report importFile(SwitchboardUser actor, byte[] file) {
        if (!actor.role().assignsAnyCase()) {
            throw ApiException.forbidden("only administrators and sales managers import contacts");
        }
        OutlookCsv.Contents contents = OutlookCsv.read(file);
        List<RowReport> rows = new ArrayList<>();
        for (OutlookCsv.Row row : contents.rows()) {
            OutlookContact.Read contact = OutlookContact.read(row);
            long number = row.number();
            String shown = contact.name() != null ? contact.name() : contact.company();
            RowReport report;
            try {
                report = tx.execute(status -> importRow(actor, number, contact));
            } catch (ApiException e) {
                report = new RowReport(number, Outcome.SKIPPED, null, shown, e.getMessage());
            } catch (DataAccessException e) {
                report = new RowReport(number, Outcome.SKIPPED, null, shown, "could not be stored: " + e.getMostSpecificCause().getMessage());
            }
            rows.add(report);
        }
        return new Report(count(rows, Outcome.CREATED), count(rows, Outcome.UPDATED), count(rows, Outcome.SKIPPED), contents.charset(),
                contents.ignoredColumns(), rows);
    }

    private RowReport importRow(SwitchboardUser actor, long number, OutlookContact.Read c) {
        if (c.name() == null && c.company() == null) {
            return new RowReport(number, Outcome.SKIPPED, null, null, "no name, company or e-mail address");
        }
        if (c.isCompany()) {
            Optional<Partner> company = partners.findCompanyByName(c.company());
            return company.isPresent() ? update(actor, number, company.get(), c, null)
                    : create(actor, number, fields(c).put("kind", "COMPANY").put("name", c.company()));
        }
        Long companyId = c.company() == null ? null : partners.findCompanyByName(c.company()).map(Partner::id)
                .orElseGet(() -> service.create(actor, new PartnerDraft().apply(JsonNodeFactory.instance.objectNode()
                        .put("kind", "COMPANY").put("name", c.company()))).id());
        Optional<Partner> person = findPerson(c, companyId);
        if (person.isPresent()) {
            return update(actor, number, person.get(), c, companyId);
        }
        ObjectNode fields = fields(c).put("kind", "PERSON").put("name", c.name());
        if (companyId != null) {
            fields.put("companyId", companyId);
        }
        return create(actor, number, fields);
    }

    /** By one of its addresses; else by name, in its company or (without one) among people without a company. */
    private Optional<Partner> findPerson(OutlookContact.Read c, Long companyId) {
        for (String email : c.emails()) {
            String address = EmailAddress.normalize(email);
            Optional<Partner> owner = address == null ? Optional.empty()
                    : partners.findByEmail(address).stream().filter(p -> p.kind() == PartnerKind.PERSON).findFirst();
            if (owner.isPresent()) {
                return owner;
            }
        }
        List<Partner> candidates = companyId != null ? partners.contacts(companyId)
                : partners.list(new PartnerRepository.Filter(c.name(), PartnerKind.PERSON, null, null, false), null, null, 50);
        return candidates.stream().filter(p -> p.name().equalsIgnoreCase(c.name()) && Objects.equals(p.companyId(), companyId)).findFirst();
    }

    private RowReport create(SwitchboardUser actor, long number, ObjectNode fields) {
        Partner created = service.create(actor, new PartnerDraft().apply(fields));
        return new RowReport(number, Outcome.CREATED, created.id(), created.name(), null);
    }

    /** Only what the row adds or changes; a row that changes nothing is reported as such. */
    private RowReport update(SwitchboardUser actor, long number, Partner p, OutlookContact.Read c, Long companyId) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        String name = c.isCompany() ? c.company() : c.name();
        if (!name.equalsIgnoreCase(p.name())) {
            patch.put("name", name);
        }
        if (companyId != null && !companyId.equals(p.companyId())) {
            patch.put("companyId", companyId);
        }
        changed(patch, "jobTitle", c.jobTitle(), p.jobTitle());
        changed(patch, "phone", c.phone(), p.phone());
        changed(patch, "mobile", c.mobile(), p.mobile());
        changed(patch, "street", c.street(), p.street());
        changed(patch, "zip", c.zip(), p.zip());
        changed(patch, "city", c.city(), p.city());
        changed(patch, "country", c.country(), p.country());
        changed(patch, "website", c.website(), p.website());
        changed(patch, "notes", c.notes(), p.notes());
        List<String> emails = new ArrayList<>(p.emails());
        Set<String> known = new TreeSet<>();
        p.emails().forEach(e -> known.add(EmailAddress.normalize(e)));
        c.emails().stream().filter(e -> !known.contains(EmailAddress.normalize(e))).forEach(emails::add);
        if (emails.size() > p.emails().size()) {
            array(patch.putArray("emails"), emails);
        }
        List<String> categories = new ArrayList<>(p.categories());
        Set<String> had = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        had.addAll(p.categories());
        c.categories().stream().filter(had::add).forEach(categories::add);
        if (categories.size() > p.categories().size()) {
            array(patch.putArray("categories"), categories);
        }
        if (patch.isEmpty()) {
            return new RowReport(number, Outcome.SKIPPED, p.id(), p.name(), "no change");
        }
        PartnerDraft draft = service.draftOf(p).apply(patch);
        Partner updated = service.update(actor, p.id(), draft, new Versions.ClaimedVersion(p.version(), HttpStatus.CONFLICT));
        return new RowReport(number, Outcome.UPDATED, updated.id(), updated.name(), "changed " + String.join(", ", patch.propertyNames()));
    }

    /** The fields of a new partner the row fills. */
    private static ObjectNode fields(OutlookContact.Read c) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        changed(f, "jobTitle", c.jobTitle(), null);
        changed(f, "phone", c.phone(), null);
        changed(f, "mobile", c.mobile(), null);
        changed(f, "street", c.street(), null);
        changed(f, "zip", c.zip(), null);
        changed(f, "city", c.city(), null);
        changed(f, "country", c.country(), null);
        changed(f, "website", c.website(), null);
        changed(f, "notes", c.notes(), null);
        if (!c.emails().isEmpty()) {
            array(f.putArray("emails"), c.emails());
        }
        if (!c.categories().isEmpty()) {
            array(f.putArray("categories"), c.categories());
        }
        return f;
    }

    private static void changed(ObjectNode patch, String field, String value, String current) {
        if (value != null && !value.equals(current)) {
            patch.put(field, value);
        }
    }

    private static void array(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static int count(List<RowReport> rows, Outcome outcome) {
        return (int) rows.stream().filter(r -> r.outcome() == outcome).count();
    }
}
