package org.switchboard.phonecall;

import java.util.List;

/** What the campaign view shows: calls per state (and converted), and the same per operator. */
public record CampaignStats(long total, long todo, long held, long notHeld, long cancelled, long converted, List<OperatorStats> operators) {

    /** One operator's calls; the operator is null for calls not yet claimed by anyone. */
    public record OperatorStats(Long operatorId, String operatorName, long todo, long held, long notHeld, long cancelled, long converted) {
        public long total() {
            return todo + held + notHeld + cancelled;
        }
    }

    /** A percentage of the total for the bar chart. */
    public long percent(long part) {
        return total == 0 ? 0 : Math.round(100.0 * part / total);
    }
}
