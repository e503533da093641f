package org.switchboard.server.phonecall;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.storage.BatchInsert;
import org.switchboard.server.storage.BulkWrites;
import org.switchboard.server.storage.Database;
import org.switchboard.server.storage.FreshStatistics;
import org.switchboard.server.user.UserRepository;

/**
 * Imports a call list: the upload is spooled to a temporary file (so the request returns at once and
 * the job reports progress), then read as a stream and committed in batches, each batch with its report
 * rows and its progress. Re-running a file creates nothing twice: each row's fingerprint is unique in its
 * campaign, and a row already there is reported as a duplicate. If the import stops (a bad byte, a crash),
 * the rows reported are exactly the rows committed, and running the file again resumes where it stopped.
 *
 * <p>Three threads share the work (ADR 0024): one reads and checks the next batch, this job's thread plans
 * each batch in file order (lookups and partner matching), and on PostgreSQL two writers write two batches
 * side by side, each in its own transaction, committing in file order.
 */
@Service
public class CallListImport {
    private static final Logger LOG = LoggerFactory.getLogger(CallListImport.class);
    private final ImportJobRepository jobs;
    private final CampaignRepository campaigns;
    private final PhoneCallRepository calls;
    private final PartnerMatcher matcher;
    private final PhoneNumbers phones;
    private final UserRepository users;
    private final JdbcClient jdbc;
    private final Database database;
    private final FreshStatistics statistics;
    private final BulkWrites bulkWrites;
    /** The tables an import grows, and whose statistics its own lookups depend on. */
    private static final List<String> IMPORTED_TABLES = List.of("partner", "partner_email", "phone_call");
    private final TransactionTemplate tx;
    private final int batchSize;
    // One import at a time per node: imports are rare and big, operators' queries come first.
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "call-list-import"));
    /** Reads and checks the next batch while the runner writes the current one. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> daemon(r, "call-list-read-ahead"));
    /** Batches written side by side, each on its own connection (ADR 0024); one where ids cannot be taken ahead (H2). */
    private final int writers;
    private final ExecutorService writer;

    public CallListImport(ImportJobRepository jobs, CampaignRepository campaigns, PhoneCallRepository calls, PartnerMatcher matcher,
            PhoneNumbers phones, UserRepository users, JdbcClient jdbc, Database database, FreshStatistics statistics, BulkWrites bulkWrites,
            PlatformTransactionManager transactions,
            @Value("${switchboard.calls.import-batch:2000}") int batchSize, @Value("${switchboard.calls.import-writers:2}") int writers,
            BatchInsert inserts) {
        this.jobs = jobs;
        this.campaigns = campaigns;
        this.calls = calls;
        this.matcher = matcher;
        this.phones = phones;
        this.users = users;
        this.jdbc = jdbc;
        this.database = database;
        this.statistics = statistics;
        this.bulkWrites = bulkWrites;
        this.tx = new TransactionTemplate(transactions);
        // at most a call_import_batch row's worth of outcome letters
        this.batchSize = Math.max(1, Math.min(batchSize, 50_000));
        // Side by side, a batch names partners the one before it creates: that needs their ids before they are written.
        this.writers = inserts.allocatesIds() ? Math.max(1, Math.min(writers, 4)) : 1;
        this.writer = Executors.newFixedThreadPool(this.writers, r -> daemon(r, "call-list-write"));
    }

    /** Spools the upload and starts the job; returns the job (RUNNING). */
    public ImportJob start(SwitchboardUser actor, long campaignId, InputStream upload, String fileName) throws IOException {
        PhoneCallService.requireManager(actor);
        CallCampaign campaign = campaigns.find(campaignId).orElseThrow(() -> ApiException.notFound("campaign", campaignId));
        Path spool = Files.createTempFile("call-list-", ".csv");
        try {
            Files.copy(upload, spool, StandardCopyOption.REPLACE_EXISTING);
            long jobId = jobs.insert(campaignId, fileName, Files.size(spool), actor.id());
            runner.execute(() -> run(jobId, campaign, spool));
            return jobs.find(jobId).orElseThrow();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    public ImportJob job(long id) {
        return jobs.find(id).orElseThrow(() -> ApiException.notFound("import", id));
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        reader.shutdownNow();
        writer.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void run(long jobId, CallCampaign campaign, Path spool) {
        String error = null;
        CallListBatch importer = new CallListBatch(campaign, phones, matcher, calls, users, jdbc, new HashMap<>());
        try (BulkWrites.Running importing = bulkWrites.begin(); InputStream in = Files.newInputStream(spool); CallListFile file = new CallListFile(in)) {
            // The database writes one batch while the next is read and checked (CSV, phone numbers,
            // fingerprints): the reading was an eighth of the import, done while the database waited.
            long[] line = {0};
            CompletableFuture<CallListBatch.Checked> next = CompletableFuture.supplyAsync(() -> readAndCheck(file, importer, line), reader);
            Deque<CompletableFuture<Void>> writing = new ArrayDeque<>();
            try {
                CallListBatch.Planned before = null;
                CompletableFuture<Void> committed = CompletableFuture.completedFuture(null);
                while (next != null) {
                    CallListBatch.Checked batch = await(next);
                    // a short batch is the last one
                    next = batch.size() < batchSize ? null : CompletableFuture.supplyAsync(() -> readAndCheck(file, importer, line), reader);
                    if (batch.size() == 0) {
                        continue;
                    }
                    // Planning reads the database, which must hold every batch but the one before (which
                    // the plan takes from memory): so at most `writers` batches are being written.
                    while (writing.size() >= writers) {
                        await(writing.removeFirst());
                    }
                    CallListBatch.Planned previousPlan = before;
                    CallListBatch.Planned planned = tx.execute(s -> {
                        planWithCurrentStatistics();
                        return importer.plan(batch, previousPlan);
                    });
                    CompletableFuture<Void> previous = committed;
                    committed = CompletableFuture.runAsync(() -> writeBatch(jobId, importer, planned, previous), writer);
                    writing.addLast(committed);
                    before = planned;
                }
                while (!writing.isEmpty()) {
                    await(writing.removeFirst());
                }
            } finally {
                // the file closes once the read-ahead is done with it; a failed import still waits for its writers
                for (CompletableFuture<?> f : writing) {
                    f.exceptionally(e -> null).join();
                }
                if (next != null) {
                    next.exceptionally(e -> null).join();
                }
            }
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        } catch (RuntimeException | IOException e) {
            error = describe(jobId, e);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                LOG.warn("could not delete {}", spool);
            }
        }
        jobs.finish(jobId, error);
    }

    /** The next batch of the file, checked; empty at the end. Runs on the reader thread, one batch at a time. */
    private CallListBatch.Checked readAndCheck(CallListFile file, CallListBatch importer, long[] line) {
        List<Map<String, String>> rows = new ArrayList<>(batchSize);
        Map<String, String> row;
        while (rows.size() < batchSize && (row = file.next()) != null) {
            rows.add(row);
        }
        CallListBatch.Checked checked = importer.check(line[0] + 1, rows, file.bytesRead());
        line[0] += rows.size();
        return checked;
    }

    /** What another thread produced, or what stopped it, as if it had run on this thread. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The lookups of a plan are prepared statements; a generic plan made from statistics of the smaller
     * table would stay in use as the table grows. Planned with their values, they follow the statistics
     * that FreshStatistics keeps current. And each lookup probes an index for a thousand values whose pages
     * the import itself just wrote: with the default cost of a random page (a spinning disk's), the planner
     * chose sequential scans of partner and partner_email from about 100,000 rows on, 40 ms a lookup
     * instead of 1 to 2. This is the usual setting for SSDs, set for this transaction only, since the
     * server's configuration is the operator's.
     */
    private void planWithCurrentStatistics() {
        if (database.postgres()) {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            jdbc.sql("SET LOCAL random_page_cost = 1.1").update();
        }
    }

    /**
     * Writes a planned batch in its own transaction, on one of the writer threads, and commits it only
     * after the batch before it ({@code previous}) committed: the rows reported done are always the file's
     * first rows, and if that batch failed this one rolls back too. Its keys to partners are checked at
     * commit, when the partners the batch before created are there to be found.
     */
    private void writeBatch(long jobId, CallListBatch importer, CallListBatch.Planned planned, CompletableFuture<Void> previous) {
        tx.executeWithoutResult(s -> {
            if (database.postgres()) {
                jdbc.sql("SET CONSTRAINTS ALL DEFERRED").update();
            }
            List<ImportJob.Row> report = importer.write(planned);
            await(previous);
            record(jobId, planned.checked(), report);
        });
        statistics.afterBulkWrite(IMPORTED_TABLES, planned.checked().size());
    }

    /** What the manager reads when the file could not be read to the end. */
    private static String describe(long jobId, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return "the file is not UTF-8 text: save it as \"CSV UTF-8\" and import it again (the rows reported were imported)";
            }
        }
        if (e instanceof java.io.UncheckedIOException || e instanceof IOException || e instanceof IllegalStateException) {
            return "could not read the file: " + e.getMessage() + " (the rows reported were imported)";
        }
        LOG.warn("call list import {} failed", jobId, e);
        return "the import stopped: " + e.getMessage() + " (the rows reported were imported; run the file again to resume)";
    }

    /** The batch's report rows and the job's progress, in the batch's transaction. */
    private void record(long jobId, CallListBatch.Checked batch, List<ImportJob.Row> report) {
        jobs.addBatch(jobId, report);
        int created = 0;
        int matched = 0;
        int rejected = 0;
        for (ImportJob.Row row : report) {
            switch (row.outcome()) {
                case ImportJobRepository.CREATED -> created++;
                case ImportJobRepository.MATCHED -> matched++;
                default -> rejected++;
            }
        }
        jobs.progress(jobId, batch.bytesRead, batch.size(), created, matched, rejected);
    }
}
