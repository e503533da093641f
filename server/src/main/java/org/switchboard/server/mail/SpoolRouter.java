package org.switchboard.server.mail;

import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.storage.BatchInsert;
import org.switchboard.server.storage.ColumnText;
import org.switchboard.mail.InboundProcessor;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.mail.spi.RoutingDecision;

/**
 * Routes spooled messages, a batch per transaction: claim the oldest rows of the due queue {@code inbound_due}
 * (skipping rows other nodes hold), parse and route each, let the sink act, take them off the queue and mark
 * their spool rows ROUTED (or DEAD), commit. A crash
 * anywhere before the commit leaves the rows RECEIVED and the sink's work undone, so they are routed again.
 * A failure that is not the message's fault (database, directory) is retried with backoff; after
 * {@value #MAX_ATTEMPTS} attempts the message becomes a dead letter an administrator can replay.
 */
@Component
class SpoolRouter {
    private static final Logger log = LoggerFactory.getLogger(SpoolRouter.class);
    static final int MAX_ATTEMPTS = 10;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CaseMailSink sink;
    private final MailActor actor;
    private final HistoryRepository history;
    private final BatchInsert inserts;
    private final SpooledBatch spooled;
    private final MailArrivals arrivals;
    /** Mail stored this recently means mail is arriving. */
    private static final Duration ARRIVING = Duration.ofMillis(200);

    SpoolRouter(JdbcClient jdbc, TransactionTemplate tx, CaseMailSink sink, MailActor actor, HistoryRepository history, BatchInsert inserts,
            SpooledBatch spooled, MailArrivals arrivals) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.sink = sink;
        this.actor = actor;
        this.history = history;
        this.inserts = inserts;
        this.spooled = spooled;
        this.arrivals = arrivals;
    }

    private record Claimed(long id) {
    }

    /**
     * Routes due messages until none is left or {@code max} were handled; returns how many were.
     *
     * <p>Messages are routed {@code batch} at a time, in one transaction: one claim and one commit for the
     * batch instead of per message (ADR 0010). If any message of a batch fails, the whole batch is rolled
     * back (nothing of it happened) and its messages are routed again one per transaction, so the failing
     * one is retried or dead-lettered alone and the others are routed.
     */
    int routeDue(InboundProcessor processor, int max, int batch) {
        return routeDue(processor, max, batch, Duration.ZERO);
    }

    /** The same, first waiting while mail arrives until the oldest due message has waited {@code yieldUpTo} (ADR 0026). */
    int routeDue(InboundProcessor processor, int max, int batch, Duration yieldUpTo) {
        if (actor.get().isEmpty()) {
            return 0; // no user yet: the first administrator is created first
        }
        int done = 0;
        while (done < max) {
            if (!yieldToArrivals(yieldUpTo)) {
                return done;
            }
            int claimed;
            try {
                claimed = routeBatch(processor, Math.min(Math.max(1, batch), max - done));
            } catch (BatchFailed failed) {
                log.debug("a batch of {} failed, routing its messages one by one: {}", failed.size, failed.getCause().toString());
                for (int i = 0; i < failed.size && done < max; i++) {
                    if (!routeOne(processor)) {
                        return done;
                    }
                    done++;
                }
                continue;
            }
            if (claimed == 0) {
                return done;
            }
            done += claimed;
        }
        return done;
    }

    /**
     * While mail is arriving, routing waits and leaves the two cores to accepting it: on the reference
     * machine a burst of 20,000 messages was accepted at 2,659 msg/s with routing waiting and 1,835 with both
     * at once, and all were routed as soon either way (1,206 and 1,227 cases/s from the first message). The
     * wait ends when arrivals pause or when the oldest due message has waited {@code upTo}: under sustained
     * load routing runs at the pace of the mail, that much behind it. False when interrupted.
     */
    private boolean yieldToArrivals(Duration upTo) {
        if (upTo.isZero() || !arrivals.within(ARRIVING)) {
            return true;
        }
        // The oldest due message only grows older: one look gives the moment the wait must end.
        Optional<OffsetDateTime> oldest = jdbc.sql("SELECT next_attempt_at FROM inbound_due WHERE next_attempt_at <= ? ORDER BY inbound_id LIMIT 1")
                .param(Instant.now().atOffset(ZoneOffset.UTC)).query(OffsetDateTime.class).optional();
        if (oldest.isEmpty()) {
            return true;
        }
        Instant deadline = oldest.get().toInstant().plus(upTo);
        while (arrivals.within(ARRIVING) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A batch rolled back: its {@code size} messages are left RECEIVED. */
    private static final class BatchFailed extends RuntimeException {
        private final int size;

        BatchFailed(int size, RuntimeException cause) {
            super(cause);
            this.size = size;
        }
    }

    /** Claims up to {@code limit} due messages and routes them in one transaction; 0 when none was due. */
    private int routeBatch(InboundProcessor processor, int limit) {
        int[] size = {0};
        try {
            Integer routed = tx.execute(status -> {
                List<Claimed> batch = claim(limit);
                size[0] = batch.size();
                if (batch.isEmpty()) {
                    return 0;
                }
                List<Long> routedIds = new ArrayList<>();
                List<Long> deadIds = new ArrayList<>();
                List<SpooledBatch.Stored> messages = spooled.read(batch.stream().map(Claimed::id).toList());
                List<Long> undecided = messages.stream().filter(m -> !m.decided()).map(SpooledBatch.Stored::id).toList();
                // The batch's decisions and history entries are inserted together at its end (RoutingRows, ADR 0023).
                try (RoutingRows rows = RoutingRows.open(undecided)) {
                    for (int i = 0; i < messages.size(); i++) {
                        SpooledBatch.Stored m = messages.set(i, null); // routed: its bytes may go
                        RoutingDecision decision = process(processor, m);
                        (decision instanceof RoutingDecision.DeadLetter ? deadIds : routedIds).add(m.id());
                    }
                    rows.flush(history, inserts);
                }
                mark(routedIds, "ROUTED");
                mark(deadIds, "DEAD");
                return batch.size();
            });
            return routed == null ? 0 : routed;
        } catch (RuntimeException e) {
            if (size[0] == 0) {
                throw e; // the claim itself failed: the database is away, try again on the next tick
            }
            throw new BatchFailed(size[0], e);
        }
    }

    /** Routes the oldest due message in a transaction of its own; false when none was due. */
    private boolean routeOne(InboundProcessor processor) {
        long[] current = {0};
        try {
            Boolean routed = tx.execute(status -> {
                List<Claimed> claimed = claim(1);
                if (claimed.isEmpty()) {
                    return false;
                }
                Claimed c = claimed.get(0);
                current[0] = c.id();
                RoutingDecision decision = process(processor, spooled.read(List.of(c.id())).get(0));
                mark(List.of(c.id()), decision instanceof RoutingDecision.DeadLetter ? "DEAD" : "ROUTED");
                return true;
            });
            return Boolean.TRUE.equals(routed);
        } catch (RuntimeException e) {
            if (current[0] == 0) {
                throw e;
            }
            failed(current[0], e);
            return true;
        }
    }

    /** Routes one message read by {@link SpooledBatch}; the bytes of a large one are read now, when it is its turn. */
    private RoutingDecision process(InboundProcessor processor, SpooledBatch.Stored m) {
        byte[] raw = m.raw() != null ? m.raw() : spooled.raw(m.id());
        return processor.process(Long.toString(m.id()), m.envelope(), new ByteArrayInputStream(raw));
    }

    /** Done with these messages: off the due queue, and their spool rows say how it ended. */
    private void mark(List<Long> ids, String state) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM inbound_due WHERE inbound_id IN (:ids)").param("ids", ids).update();
            jdbc.sql("UPDATE inbound_message SET state = :state, attempts = attempts + 1, last_error = NULL WHERE id IN (:ids)")
                    .param("state", state).param("ids", ids).update();
        }
    }

    /** The oldest due messages that no other node holds, locked until this transaction ends (ADR 0021: claimed in inbound_due). */
    private List<Claimed> claim(int limit) {
        return jdbc.sql("SELECT inbound_id FROM inbound_due WHERE next_attempt_at <= ? ORDER BY inbound_id LIMIT ?" + Claims.SKIP_LOCKED)
                .params(OffsetDateTime.now(ZoneOffset.UTC), limit).query((rs, n) -> new Claimed(rs.getLong(1))).list();
    }

    /** Backs off (30 s doubling, at most 1 h); at the last attempt records a dead letter instead. */
    private void failed(long id, RuntimeException e) {
        String error = ColumnText.shorten(String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " "), 2000);
        log.warn("routing inbound message {} failed: {}", id, error);
        try {
            tx.executeWithoutResult(status -> {
                int attempts = jdbc.sql("SELECT attempts FROM inbound_message WHERE id = ?").param(id).query(Integer.class).single() + 1;
                if (attempts >= MAX_ATTEMPTS) {
                    sink.record(Long.toString(id), new RoutingDecision.DeadLetter(Optional.empty(), "routing failed " + attempts + " times: " + error));
                    jdbc.sql("DELETE FROM inbound_due WHERE inbound_id = ?").param(id).update();
                    jdbc.sql("UPDATE inbound_message SET state = 'DEAD', attempts = ?, last_error = ? WHERE id = ?").params(attempts, error, id).update();
                    return;
                }
                Duration delay = Duration.ofSeconds(30).multipliedBy(1L << Math.min(attempts - 1, 7));
                OffsetDateTime next = Instant.now().plus(delay.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : delay)
                        .atOffset(ZoneOffset.UTC);
                jdbc.sql("UPDATE inbound_due SET next_attempt_at = ? WHERE inbound_id = ?").params(next, id).update();
                jdbc.sql("UPDATE inbound_message SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
                        .params(attempts, error, next, id).update();
            });
        } catch (RuntimeException again) {
            log.warn("could not record the failure of inbound message {}: {}", id, again.getMessage());
        }
    }

    /** An administrator's replay: the dead letter is routed again from its stored bytes. */
    boolean replay(long id) {
        Boolean done = tx.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            int changed = jdbc.sql("UPDATE inbound_message SET state = 'RECEIVED', attempts = 0, last_error = NULL, next_attempt_at = ? "
                    + "WHERE id = ? AND state = 'DEAD'").params(now, id).update();
            if (changed == 0) {
                return false;
            }
            jdbc.sql("INSERT INTO inbound_due (inbound_id, next_attempt_at) VALUES (?, ?)").params(id, now).update();
            jdbc.sql("DELETE FROM routing_decision WHERE inbound_id = ?").param(id).update();
            return true;
        });
        return Boolean.TRUE.equals(done);
    }
}
