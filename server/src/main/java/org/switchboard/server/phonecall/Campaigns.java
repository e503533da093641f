package org.switchboard.server.phonecall;

import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.TeamRepository;

/** Creating call lists, and filling one from a partner category. */
@Service
public class Campaigns {
    private final CampaignRepository campaigns;
    private final PhoneCallRepository calls;
    private final PhoneNumbers phones;
    private final TeamRepository teams;

    public Campaigns(CampaignRepository campaigns, PhoneCallRepository calls, PhoneNumbers phones, TeamRepository teams) {
        this.campaigns = campaigns;
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

    /** What building a list from a category did. */
    public record Built(int created, int alreadyListed, int withoutPhone) {
    }

    /**
     * One call to make per partner of the category that has a phone number, for the campaign's team. A
     * partner already in the list is skipped (its fingerprint is its id), so building twice adds only new partners.
     */
    @Transactional
    public Built fromCategory(SwitchboardUser actor, long campaignId, String category) {
        PhoneCallService.requireManager(actor);
        CallCampaign campaign = get(campaignId);
        if (category == null) {
            throw ApiException.invalid("category", "category is required");
        }
        int created = 0;
        int listed = 0;
        int noPhone = 0;
        for (CampaignRepository.Listed p : campaigns.partnersOfCategory(category)) {
            String phone = phones.normalizeOrKeep(p.phone());
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
            d.partnerId = person ? p.companyId() : p.id();
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
        return new Built(created, listed, noPhone);
    }
}
