package org.switchboard.server.history;

import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * While open on a thread, the entries {@link HistoryRepository#append} is given are held and inserted together (one
 * COPY on PostgreSQL) at {@link HistoryRepository#flush}, instead of one INSERT each. Mail routing opens one per
 * batch of messages: the CREATED and EMAIL_IN entries were two of the fourteen statements a new lead cost. The
 * repository inserts what is held before any of its reads or its update, so code running inside a batch still
 * sees its own entries. Close it in a finally block; entries still held at close were not inserted (the batch
 * failed and rolls back).
 */
public final class HistoryBatch implements AutoCloseable {
    private static final Object KEY = HistoryBatch.class;
    final List<HistoryRepository.NewEntry> held = new ArrayList<>();

    private HistoryBatch() {
    }

    /** Opens a batch on this thread (inside the transaction the entries belong to). */
    public static HistoryBatch open() {
        HistoryBatch batch = new HistoryBatch();
        TransactionSynchronizationManager.bindResource(KEY, batch);
        return batch;
    }

    /** The batch open on this thread, or null. */
    static HistoryBatch current() {
        return (HistoryBatch) TransactionSynchronizationManager.getResource(KEY);
    }

    @Override
    public void close() {
        TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
    }
}
