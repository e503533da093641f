package org.switchboard.server.phonecall;

import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.partner.PartnerRepository;

/**
 * Finds the partner a caller or a call-list row is about, or creates it: by phone number (E.164), then by
 * email, then by company name; else a new company and/or person. Matching before creating is what makes
 * an import or an unknown caller not multiply partners. One caller is a batch of one: the rules live in
 * {@link PartnerBatch} only.
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

    /** A party to find: {@code phone} is E.164 or null; at least one of company and contact names a party. */
    record Wanted(String company, String contact, String phone, String email) {
    }

    /**
     * Looks up, in a few queries, every partner the rows could match; then match and create row by row.
     * {@code before} is the batch of rows just before these whose partners may not be committed yet, or null.
     */
    PartnerBatch batch(List<Wanted> rows, PartnerBatch before) {
        return new PartnerBatch(partners, jdbc, rows, before);
    }

    Match matchOrCreate(String company, String contact, String phone, String email) {
        Wanted wanted = new Wanted(company, contact, phone, email);
        PartnerBatch batch = batch(List.of(wanted), null);
        PartnerBatch.Result result = batch.match(wanted);
        batch.create();
        return result.match();
    }

    static String key(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
