package org.switchboard.server.partner;

import java.time.Instant;
import java.util.List;

/** A customer or prospect: a company or a person, with the addresses we match mail against. */
public record Partner(long id, PartnerKind kind, String name, Long companyId, String companyName, String jobTitle,
        List<String> emails, String phone, String mobile, String street, String zip, String city, String country,
        String website, List<String> categories, String notes, boolean archived, Instant createdAt, Instant updatedAt,
        int version) {

    /** The partner a case is commercially with: the company for a contact, else the partner itself. */
    public long commercialId() {
        return companyId != null ? companyId : id;
    }
}
