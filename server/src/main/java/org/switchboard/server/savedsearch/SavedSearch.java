package org.switchboard.server.savedsearch;

import java.time.Instant;

import org.switchboard.server.partner.PartnerKind;
import org.switchboard.server.partner.PartnerRepository;

/** A named partner search: the partner list's filter, kept to be run again (a call list, a mailing). */
public record SavedSearch(long id, long ownerId, String ownerName, String name, String text, PartnerKind kind, String category, boolean shared,
        Instant createdAt) {

    /** The partner list filter this search stands for; archived partners are never part of it. */
    public PartnerRepository.Filter filter() {
        return new PartnerRepository.Filter(text, kind, null, category, false);
    }
}
