package org.switchboard.server.phonecall;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.savedsearch.SavedSearches;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.TeamRepository;

/** Creating call lists, and filling one from a partner category or a saved partner search. */
@Service
public class Campaigns {
    private final CampaignRepository campaigns;
    private final PhoneCallRepository calls;
    private final PhoneNumbers phones;
    private final TeamRepository teams;
    private final PartnerRepository partners;
    private final SavedSearches savedSearches;
    private static final int PAGE = 500;

    public Campaigns(CampaignRepository campaigns, PhoneCallRepository calls, PhoneNumbers phones, TeamRepository teams,
            PartnerRepository partners, SavedSearches savedSearches) {
        this.campaigns = campaigns;
        this.partners = partners;
        this.savedSearches = savedSearches;
        this.calls = calls;
        this.phones = phones;
        this.teams = teams;
    }

    public CallCampaign get(long id) {
        return campaigns.find(id).orElseThrow(() -> ApiException.notFound("campaign", id));
    }

    @Transactional
    public CallCampaign create(SwitchboardUser actor, String name, Long teamId) {
        PhoneCallService.requireManager(actor);
        if (name == null) {
            throw ApiException.invalid("name", "name is required");
        }
        if (teamId != null && teams.find(teamId).isEmpty()) {
            throw ApiException.invalid("teamId", "team " + teamId + " does not exist");
        }
        return get(campaigns.insert(name, teamId, actor.id()));
    }

    /** What building a list did. */
    public record Built(int created, int alreadyListed, int withoutPhone) {
    }

    /** One call per partner of the category; see {@link #fromPartners}. */
    @Transactional
    public Built fromCategory(SwitchboardUser actor, long campaignId, String category) {
        if (category == null) {
            throw ApiException.invalid("category", "category is required");
        }
        return fromPartners(actor, campaignId, new PartnerRepository.Filter(null, null, null, category, false));
    }

    /** One call per partner the saved search finds today (the search runs now, not when it was saved). */
    @Transactional
    public Built fromSavedSearch(SwitchboardUser actor, long campaignId, Long savedSearchId) {
        if (savedSearchId == null) {
            throw ApiException.invalid("savedSearchId", "savedSearchId is required");
        }
        PhoneCallService.requireManager(actor);
        return fromPartners(actor, campaignId, savedSearches.get(actor, savedSearchId).filter());
    }

    /**
     * One call to make per partner the filter finds that has a phone number, for the campaign's team. A
     * partner already in the list is skipped (its fingerprint is its id), so building twice adds only new partners.
     */
    private Built fromPartners(SwitchboardUser actor, long campaignId, PartnerRepository.Filter filter) {
        PhoneCallService.requireManager(actor);
        CallCampaign campaign = get(campaignId);
        int created = 0;
        int listed = 0;
        int noPhone = 0;
        List<Partner> page = partners.list(filter, null, null, PAGE);
        while (!page.isEmpty()) {
            for (Partner p : page) {
                String phone = phones.normalizeOrKeep(p.phone() != null ? p.phone() : p.mobile());
                if (phone == null) {
                    noPhone++;
                    continue;
                }
                String fingerprint = "partner:" + p.id();
                if (calls.fingerprintExists(campaignId, fingerprint)) {
                    listed++;
                    continue;
                }
                CallDraft d = new CallDraft();
                boolean person = p.companyId() != null;
                d.partnerId = p.commercialId();
                d.contactId = person ? p.id() : null;
                d.partnerName = person ? p.companyName() : p.name();
                d.contactName = person ? p.name() : null;
                d.summary = campaign.name();
                d.campaignId = campaignId;
                d.teamId = campaign.teamId();
                d.phone = phone;
                d.dueAt = Instant.now();
                d.responsibleId = null;
                calls.insert(d, fingerprint);
                created++;
            }
            Partner last = page.get(page.size() - 1);
            page = page.size() < PAGE ? List.of() : partners.list(filter, last.name(), last.id(), PAGE);
        }
        return new Built(created, listed, noPhone);
    }
}
