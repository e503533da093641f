package org.switchboard.server.phonecall;

import java.util.List;

/** What the campaign view shows: calls per state (and converted), and the same per operator. */
public record CampaignStats(long total, long todo, long held, long notHeld, long cancelled, long converted, List<OperatorStats> operators) {

    /** One operator's calls; the operator is null for calls not yet claimed by anyone. */
    public record OperatorStats(Long operatorId, String operatorName, long todo, long held, long notHeld, long cancelled, long converted) {
        public long total() {
            return todo + held + notHeld + cancelled;
        }
    }

    /** One bar of the chart by state. */
    public record Bar(String label, long count, String colour) {
    }

    public List<Bar> bars() {
        return List.of(new Bar("To do", todo, "#3465a4"), new Bar("Held", held, "#4e9a06"), new Bar("Not held", notHeld, "#c4a000"),
                new Bar("Cancelled", cancelled, "#888a85"), new Bar("Converted", converted, "#75507b"));
    }

    /** A percentage of the total for the bar chart. */
    public long percent(long part) {
        return total == 0 ? 0 : Math.round(100.0 * part / total);
    }
}
