package org.switchboard.server.partner;

import java.util.List;
import java.util.Set;

import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import tools.jackson.databind.JsonNode;

/** The editable fields of a partner, filled from a create or a merge-patch body. */
public final class PartnerDraft {
    static final Set<String> FIELDS = Set.of("kind", "name", "companyId", "jobTitle", "emails", "phone", "mobile", "street",
            "zip", "city", "country", "website", "categories", "notes", "archived", "version");

    PartnerKind kind = PartnerKind.COMPANY;
    String name;
    Long companyId;
    String jobTitle;
    List<String> emails = List.of();
    String phone;
    String mobile;
    String street;
    String zip;
    String city;
    String country;
    String website;
    List<String> categories = List.of();
    String notes;
    boolean archived;

    public PartnerDraft() {
    }

    public static PartnerDraft company(String name) {
        return company(name, null);
    }

    public static PartnerDraft company(String name, String phone) {
        PartnerDraft d = new PartnerDraft();
        d.name = name;
        d.phone = phone;
        return d;
    }

    public static PartnerDraft person(String name, Long companyId, String email, String phone) {
        PartnerDraft d = new PartnerDraft();
        d.kind = PartnerKind.PERSON;
        d.name = name;
        d.companyId = companyId;
        d.emails = email == null ? List.of() : List.of(email);
        d.phone = phone;
        return d;
    }

    /**
     * A draft from fields read outside the API (a vCard). Texts must already fit the API's limits and emails
     * be valid; nothing is checked here.
     */
    public static PartnerDraft of(PartnerKind kind, String name, Long companyId, String jobTitle, List<String> emails, String phone,
            String mobile, String street, String zip, String city, String country, String website, List<String> categories,
            String notes) {
        PartnerDraft d = new PartnerDraft();
        d.kind = kind;
        d.name = name;
        d.companyId = companyId;
        d.jobTitle = jobTitle;
        d.emails = List.copyOf(emails);
        d.phone = phone;
        d.mobile = mobile;
        d.street = street;
        d.zip = zip;
        d.city = city;
        d.country = country;
        d.website = website;
        d.categories = List.copyOf(categories);
        d.notes = notes;
        return d;
    }

    /** This partner as it is, archived. */
    public static PartnerDraft archivedCopyOf(Partner p) {
        PartnerDraft d = from(p);
        d.archived = true;
        return d;
    }

    static PartnerDraft from(Partner p) {
        PartnerDraft d = new PartnerDraft();
        d.kind = p.kind();
        d.name = p.name();
        d.companyId = p.companyId();
        d.jobTitle = p.jobTitle();
        d.emails = p.emails();
        d.phone = p.phone();
        d.mobile = p.mobile();
        d.street = p.street();
        d.zip = p.zip();
        d.city = p.city();
        d.country = p.country();
        d.website = p.website();
        d.categories = p.categories();
        d.notes = p.notes();
        d.archived = p.archived();
        return d;
    }

    /** Applies the fields present in the body; the version field is the caller's business. */
    public PartnerDraft apply(JsonNode body) {
        JsonFields f = JsonFields.of(body, FIELDS);
        f.enumeration("kind", PartnerKind.class, v -> kind = v == null ? PartnerKind.COMPANY : v);
        f.string("name", 200, v -> name = v);
        f.id("companyId", v -> companyId = v);
        f.string("jobTitle", 128, v -> jobTitle = v);
        f.strings("emails", 10, 254, v -> emails = v);
        f.string("phone", 40, v -> phone = v);
        f.string("mobile", 40, v -> mobile = v);
        f.string("street", 200, v -> street = v);
        f.string("zip", 20, v -> zip = v);
        f.string("city", 100, v -> city = v);
        f.string("country", 100, v -> country = v);
        f.string("website", 300, v -> website = v);
        f.strings("categories", 20, 40, v -> categories = v);
        f.string("notes", 10000, v -> notes = v);
        f.bool("archived", v -> archived = v);
        return this;
    }

    /** Checks what a single field cannot: a name, valid addresses, a person under a company. */
    void validate() {
        if (name == null) {
            throw ApiException.invalid("name", "name is required");
        }
        for (int i = 0; i < emails.size(); i++) {
            if (!EmailAddress.isValid(emails.get(i))) {
                throw ApiException.invalid("emails[" + i + "]", "'" + emails.get(i) + "' is not an email address");
            }
        }
        if (kind == PartnerKind.COMPANY && companyId != null) {
            throw ApiException.invalid("companyId", "a company cannot belong to another company");
        }
    }
}
