package org.switchboard.server.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.stereotype.Service;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityLists;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerKind;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;

/**
 * Who the people of a message are: for each address, the partner owning it (a person before a company)
 * and the open cases she is on, her own and her company's. Everybody reads every case (see CaseAccess),
 * so every user sees the same answer.
 */
@Service
class PeopleLookup {
    static final int MAX_ADDRESSES = 50;
    static final int MAX_CASES = 20;
    private final PartnerRepository partners;
    private final OpportunityLists lists;

    PeopleLookup(PartnerRepository partners, OpportunityLists lists) {
        this.partners = partners;
        this.lists = lists;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PartnerSummary(long id, String name, PartnerKind kind, Long companyId, String companyName) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Person(String address, PartnerSummary partner, List<CaseSummary> openCases) {
    }

    List<Person> lookup(SwitchboardUser actor, List<String> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            throw ApiException.invalid("address", "name at least one address");
        }
        if (addresses.size() > MAX_ADDRESSES) {
            throw ApiException.invalid("address", "at most " + MAX_ADDRESSES + " addresses");
        }
        List<Person> people = new ArrayList<>();
        for (String address : addresses) {
            String normalized = EmailAddress.normalize(address);
            Optional<Partner> owner = normalized == null ? Optional.empty() : partners.findByEmail(normalized).stream().findFirst();
            people.add(owner.map(p -> new Person(address, summary(p), openCases(actor, p)))
                    .orElseGet(() -> new Person(address, null, List.of())));
        }
        return people;
    }

    private List<CaseSummary> openCases(SwitchboardUser actor, Partner p) {
        Map<Long, Opportunity> found = new LinkedHashMap<>();
        casesOf(actor, p.id()).forEach(o -> found.put(o.id(), o));
        if (p.companyId() != null) {
            casesOf(actor, p.companyId()).forEach(o -> found.putIfAbsent(o.id(), o));
        }
        return found.values().stream().sorted(Comparator.comparingLong(Opportunity::id).reversed()).limit(MAX_CASES)
                .map(CaseSummary::of).toList();
    }

    /** Open cases where the partner is the customer or the contact, newest first. */
    private List<Opportunity> casesOf(SwitchboardUser actor, long partnerId) {
        OpportunityLists.Filters open = new OpportunityLists.Filters(null, null, true, null, null, null, partnerId, null, null, null, null);
        return lists.page(actor, "all", open, MAX_CASES).items();
    }

    private static PartnerSummary summary(Partner p) {
        return new PartnerSummary(p.id(), p.name(), p.kind(), p.companyId(), p.companyName());
    }
}
