package org.switchboard.server.dav;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.server.storage.PeriodicTask;

/**
 * Keeps the occurrence index whole in the background (ADR 0012): at start and then every
 * {@code switchboard.dav.occurrence-index.interval} (default 10 minutes) it indexes the objects that have no
 * rows yet (those stored before the index existed, or loaded by other means than a PUT) and extends the
 * horizon of recurring events whose rows end within a year. Until then queries parse those objects, so
 * answers are right at any time; only their speed depends on this job.
 */
@Component
class OccurrenceIndexer extends PeriodicTask {
    private static final Logger LOG = Logger.getLogger(OccurrenceIndexer.class.getName());
    private static final int BATCH = 500;

    private final DavOccurrenceRepository repository;
    private final DavOccurrences occurrences;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    OccurrenceIndexer(DavOccurrenceRepository repository, DavOccurrences occurrences, PlatformTransactionManager transactions,
            @Value("${switchboard.dav.occurrence-index.interval:PT10M}") Duration interval) {
        super("dav-occurrence-indexer", interval);
        this.repository = repository;
        this.occurrences = occurrences;
        this.tx = new TransactionTemplate(transactions);
    }

    @Override
    protected void pass() {
        int n = run();
        if (n > 0) {
            LOG.info("occurrence index: indexed " + n + " calendar objects");
        }
    }

    /** One pass over the objects to (re)index; returns how many were indexed. */
    int run() {
        Instant soon = clock.instant().plus(DavOccurrences.HORIZON.dividedBy(2));
        long after = 0;
        int indexed = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<DavOccurrenceRepository.Pending> batch = repository.pending(after, soon, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).id();
            List<ICalObject.Occurrences> computed = new java.util.ArrayList<>(batch.size());
            for (DavOccurrenceRepository.Pending p : batch) {
                computed.add(occurrences.compute("object " + p.id(), p.data()));
            }
            try {
                // one transaction per batch: a commit per object made a 100,000-event backfill take minutes
                Integer n = tx.execute(status -> repository.replaceAll(batch, computed));
                indexed += n == null ? 0 : n;
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "occurrence index: batch after object " + batch.get(0).id() + " failed, object by object", e);
                for (int i = 0; i < batch.size(); i++) {
                    List<DavOccurrenceRepository.Pending> one = List.of(batch.get(i));
                    List<ICalObject.Occurrences> its = List.of(computed.get(i));
                    try {
                        Integer n = tx.execute(status -> repository.replaceAll(one, its));
                        indexed += n == null ? 0 : n;
                    } catch (RuntimeException skipped) {
                        LOG.log(Level.FINE, "occurrence index: object " + one.get(0).id() + " skipped this pass", skipped);
                    }
                }
            }
        }
        return indexed;
    }
}
