package org.switchboard.server.connector;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerDraft;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.partner.PartnerService;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.JsonNode;

/**
 * "Add to Switchboard" on an unknown sender: a person with that address, in the company of that name
 * (found, else created). An address a partner already owns is refused with that partner's id, so the
 * add-in can open it instead of making a duplicate.
 */
@Service
class ConnectorContacts {
    private final PartnerRepository partners;
    private final PartnerService service;

    ConnectorContacts(PartnerRepository partners, PartnerService service) {
        this.partners = partners;
        this.service = service;
    }

    @Transactional
    Partner create(SwitchboardUser actor, JsonNode body) {
        JsonFields fields = JsonFields.of(body, Set.of("name", "email", "companyName"));
        String[] given = new String[3];
        fields.string("name", 200, v -> given[0] = v);
        fields.string("email", 254, v -> given[1] = v);
        fields.string("companyName", 200, v -> given[2] = v);
        String address = EmailAddress.normalize(given[1]);
        if (address == null) {
            throw ApiException.invalid("email", given[1] == null ? "email is required" : "'" + given[1] + "' is not an email address");
        }
        List<Partner> owners = partners.findByEmail(address);
        if (!owners.isEmpty()) {
            Partner owner = owners.get(0);
            throw ApiException.conflict(owner.name() + " (partner " + owner.id() + ") already has the address " + address)
                    .with("partnerId", owner.id());
        }
        Long companyId = null;
        if (given[2] != null) {
            companyId = partners.findCompanyByName(given[2]).map(Partner::id)
                    .orElseGet(() -> service.create(actor, PartnerDraft.company(given[2])).id());
        }
        String name = given[0] != null ? given[0] : given[1].trim();
        return service.create(actor, PartnerDraft.person(name, companyId, given[1].trim(), null));
    }
}
