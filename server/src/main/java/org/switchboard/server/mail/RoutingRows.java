package org.switchboard.server.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.switchboard.server.history.HistoryBatch;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.storage.BatchInsert;

/**
 * The rows a routing batch writes that nothing in the batch reads back by SQL: the routing decisions and the
 * history entries (a {@link HistoryBatch}: CREATED, EMAIL_IN, …). They are collected while the batch's messages
 * are routed and inserted together, one statement per table, before the batch is marked done and commits
 * ({@link SpoolRouter}); a decision and two entries per new lead were three of its fourteen statements. Rows that
 * later messages of the same batch look up (the Message-IDs of {@code mail_message}, which thread a reply to the
 * case just created) are still written at once.
 *
 * <p>Bound to the routing thread for the batch's transaction, so {@link CaseMailSink} finds it without new
 * parameters; outside a batch (a replay, a message handed in from an add-in, a batch being redone one message at
 * a time) there is none and rows are written at once, as before.
 */
final class RoutingRows implements AutoCloseable {
    private static final Object KEY = RoutingRows.class;
    private final Set<Long> undecided;
    private final List<Object[]> decisions = new ArrayList<>();
    private final HistoryBatch history;

    private RoutingRows(Collection<Long> undecided) {
        this.undecided = new HashSet<>(undecided);
        this.history = HistoryBatch.open();
    }

    /** Opens the rows of a batch whose messages {@code undecided} are known to have no routing decision yet. */
    static RoutingRows open(Collection<Long> undecided) {
        RoutingRows rows = new RoutingRows(undecided);
        try {
            TransactionSynchronizationManager.bindResource(KEY, rows);
        } catch (RuntimeException e) {
            rows.history.close();
            throw e;
        }
        return rows;
    }

    /** The batch being routed on this thread, if any. */
    static Optional<RoutingRows> current() {
        return Optional.ofNullable((RoutingRows) TransactionSynchronizationManager.getResource(KEY));
    }

    /**
     * True when the batch's one look-up found no decision for this message: the sink need not ask again. A
     * message routed twice in one batch cannot happen (the claim returns each due row once).
     */
    boolean knownUndecided(long inboundId) {
        return undecided.contains(inboundId);
    }

    void decision(long inboundId, String kind, Long caseId, Long outboxId, String summary) {
        decisions.add(new Object[] {inboundId, kind, caseId, outboxId, summary});
    }

    /** Inserts what was collected, in the batch's transaction. */
    void flush(HistoryRepository historyRepository, BatchInsert inserts) {
        historyRepository.flush();
        inserts.insertRows("routing_decision", "inbound_id, kind, case_id, outbox_id, summary", decisions);
        decisions.clear();
    }

    @Override
    public void close() {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        history.close();
    }
}
