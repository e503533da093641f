package org.switchboard.server.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.switchboard.server.opportunity.CaseState;
import org.switchboard.server.opportunity.CaseType;
import org.switchboard.server.opportunity.Opportunity;

/** A case as an add-in lists it: enough to recognise it and pick it. Nulls are sent as null, not left out. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CaseSummary(long id, CaseType type, String name, String stage, CaseState state, String responsible, Long partnerId) {

    static CaseSummary of(Opportunity o) {
        return new CaseSummary(o.id(), o.type(), o.name(), o.stageName(), o.state(), o.responsibleName(), o.partnerId());
    }
}
