package org.switchboard.server.team;

import java.math.BigDecimal;

/** A pipeline stage, ordered by sequence, with the probability a case takes when it enters it. */
public record Stage(long id, Long teamId, String name, int sequence, BigDecimal probability) {
    /** A stage with no team is shared by every team. */
    public boolean usableBy(Long caseTeamId) {
        return teamId == null || teamId.equals(caseTeamId);
    }
}
