package org.switchboard.server.opportunity;

import java.util.Objects;

import org.springframework.stereotype.Component;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.TeamRepository;
import org.switchboard.server.user.Role;

/**
 * Who may change a case. Administrators and sales managers: any case, any Responsible. A salesperson
 * works on the cases of her teams (and her own), and never takes a case away from another salesperson.
 * A call-centre operator creates leads and adds notes but does not edit cases. Everybody reads.
 */
@Component
public class CaseAccess {
    private final TeamRepository teams;

    public CaseAccess(TeamRepository teams) {
        this.teams = teams;
    }

    public void requireEdit(SwitchboardUser actor, Opportunity c) {
        if (actor.role().assignsAnyCase()) {
            return;
        }
        if (actor.role() == Role.SALESPERSON
                && (Objects.equals(c.responsibleId(), actor.id()) || c.teamId() == null || teams.teamIdsOf(actor.id()).contains(c.teamId()))) {
            return;
        }
        throw ApiException.forbidden("you may only edit the cases of your teams");
    }

    /** Setting the Responsible from {@code current} to {@code next}. */
    public void requireAssign(SwitchboardUser actor, Long current, Long next) {
        if (actor.role().assignsAnyCase() || Objects.equals(current, next)) {
            return;
        }
        if (actor.role() == Role.SALESPERSON && current != null && current != actor.id()) {
            throw ApiException.forbidden("this case is another salesperson's: only a sales manager can reassign it");
        }
        if (actor.role() == Role.SALESPERSON && (next == null || next == actor.id())) {
            return;
        }
        throw ApiException.forbidden("only a sales manager assigns cases to other salespeople");
    }

    public void requireCreate(SwitchboardUser actor, CaseType type) {
        if (actor.role() == Role.OPERATOR && type != CaseType.LEAD) {
            throw ApiException.forbidden("a call-centre operator creates leads; a salesperson qualifies them");
        }
    }
}
