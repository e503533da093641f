package org.switchboard.server.opportunity;

import java.util.List;

/**
 * The filters of an opportunity list. {@code unassigned} selects cases without a Responsible;
 * {@code open} true keeps cases not closed. {@code after} is the decoded keyset cursor.
 */
public record OpportunityQuery(CaseType type, Long responsibleId, boolean unassigned, Boolean open, List<CaseState> states,
        Long stageId, Long teamId, Long partnerId, String category, String text, ListSort sort, List<String> after) {
}
