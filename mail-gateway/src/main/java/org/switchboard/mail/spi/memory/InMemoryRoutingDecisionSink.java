package org.switchboard.mail.spi.memory;

import java.util.ArrayList;
import java.util.List;

import org.switchboard.mail.spi.RoutingDecision;
import org.switchboard.mail.spi.RoutingDecisionSink;

/** Records decisions in memory. */
public class InMemoryRoutingDecisionSink implements RoutingDecisionSink {

    public record Recorded(String spoolId, RoutingDecision decision) {
    }

    private final List<Recorded> recorded = new ArrayList<>();

    @Override
    public synchronized void record(String spoolId, RoutingDecision decision) {
        recorded.add(new Recorded(spoolId, decision));
    }

    public synchronized List<Recorded> decisions() {
        return List.copyOf(recorded);
    }
}
