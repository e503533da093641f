package org.switchboard.server.partner;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Versions;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.Role;

/** Creating and changing partners, with the checks a single field cannot make. */
@Service
public class PartnerService {
    private final PartnerRepository partners;

    public PartnerService(PartnerRepository partners) {
        this.partners = partners;
    }

    public Partner get(long id) {
        return partners.find(id).orElseThrow(() -> ApiException.notFound("partner", id));
    }

    @Transactional
    public Partner create(SwitchboardUser actor, PartnerDraft d) {
        validate(d);
        return get(partners.insert(d));
    }

    @Transactional
    public Partner update(SwitchboardUser actor, long id, PartnerDraft d, Versions.ClaimedVersion claimed) {
        Partner before = get(id);
        claimed.check(before.version());
        if (actor.role() == Role.OPERATOR && d.archived && !before.archived()) {
            throw ApiException.forbidden("a call-centre operator does not archive partners");
        }
        validate(d);
        if (d.companyId != null && d.companyId == id) {
            throw ApiException.invalid("companyId", "a partner cannot be its own company");
        }
        if (!partners.update(id, d, before.version())) {
            throw new ApiException(claimed.staleStatus(), "the partner changed since you read it: read it again", null);
        }
        return get(id);
    }

    public PartnerDraft draftOf(Partner p) {
        return PartnerDraft.from(p);
    }

    private void validate(PartnerDraft d) {
        d.validate();
        if (d.companyId != null) {
            Partner company = partners.find(d.companyId)
                    .orElseThrow(() -> ApiException.invalid("companyId", "partner " + d.companyId + " does not exist"));
            if (company.kind() != PartnerKind.COMPANY) {
                throw ApiException.invalid("companyId", company.name() + " is not a company");
            }
        }
    }
}
