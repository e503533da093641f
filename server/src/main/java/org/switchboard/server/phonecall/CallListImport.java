package org.switchboard.server.phonecall;

import org.switchboard.server.storage.ColumnText;
import org.switchboard.server.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * Imports a call list: the upload is spooled to a temporary file (so the request returns at once and
 * the job reports progress), then read as a stream and committed in batches, each batch with its report
 * rows and its progress. Re-running a file creates nothing twice: each row's fingerprint is unique in its
 * campaign, and a row already there is reported as a duplicate. If the import stops (a bad byte, a crash),
 * the rows reported are exactly the rows committed, and running the file again resumes where it stopped.
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
    private final TransactionTemplate tx;
    private final int batchSize;
    // One import at a time per node: imports are rare and big, operators' queries come first.
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "call-list-import");
        t.setDaemon(true);
        return t;
    });

    public CallListImport(ImportJobRepository jobs, CampaignRepository campaigns, PhoneCallRepository calls, PartnerMatcher matcher,
            PhoneNumbers phones, UserRepository users, JdbcClient jdbc, PlatformTransactionManager transactions,
            @Value("${switchboard.calls.import-batch:500}") int batchSize) {
        this.jobs = jobs;
        this.campaigns = campaigns;
        this.calls = calls;
        this.matcher = matcher;
        this.phones = phones;
        this.users = users;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.batchSize = Math.max(1, batchSize);
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
    }

    private void run(long jobId, CallCampaign campaign, Path spool) {
        String error = null;
        try (InputStream in = Files.newInputStream(spool); CallListFile file = new CallListFile(in)) {
            long line = 0;
            boolean more = true;
            while (more) {
                List<Map<String, String>> batch = new ArrayList<>(batchSize);
                Map<String, String> row;
                while (batch.size() < batchSize && (row = file.next()) != null) {
                    batch.add(row);
                }
                more = batch.size() == batchSize;
                if (batch.isEmpty()) {
                    break;
                }
                long first = line + 1;
                long bytes = file.bytesRead();
                tx.executeWithoutResult(s -> importBatch(jobId, campaign, first, batch, bytes));
                line += batch.size();
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

    private void importBatch(long jobId, CallCampaign campaign, long firstLine, List<Map<String, String>> batch, long bytesRead) {
        int created = 0;
        int matched = 0;
        int rejected = 0;
        Set<String> seen = new HashSet<>();
        long line = firstLine;
        for (Map<String, String> row : batch) {
            ImportJob.Row result;
            try {
                result = importRow(campaign, line, row, seen);
            } catch (ApiException e) {
                result = new ImportJob.Row(line, "REJECTED", null, e.getMessage());
            }
            jobs.addRow(jobId, result);
            switch (result.outcome()) {
                case "CREATED" -> created++;
                case "MATCHED" -> matched++;
                default -> rejected++;
            }
            line++;
        }
        jobs.progress(jobId, bytesRead, batch.size(), created, matched, rejected);
    }

    private ImportJob.Row importRow(CallCampaign campaign, long line, Map<String, String> row, Set<String> seen) {
        String company = row.get("partner");
        String contact = row.get("contact");
        if (company == null && contact == null) {
            return rejected(line, "no partner or contact name");
        }
        String rawPhone = row.get("phone");
        Optional<String> phone = phones.e164(rawPhone);
        if (phone.isEmpty()) {
            return rejected(line, rawPhone == null ? "no phone number" : "unparseable phone '" + rawPhone + "'");
        }
        Long operatorId = null;
        if (row.containsKey("operator")) {
            Optional<User> operator = users.findByUsername(row.get("operator")).filter(User::active);
            if (operator.isEmpty()) {
                return rejected(line, "unknown operator '" + row.get("operator") + "'");
            }
            operatorId = operator.get().id();
        }
        Long caseId = null;
        if (row.containsKey("opportunity")) {
            try {
                caseId = Long.valueOf(row.get("opportunity"));
            } catch (NumberFormatException e) {
                return rejected(line, "opportunity '" + row.get("opportunity") + "' is not an id");
            }
            if (jdbc.sql("SELECT count(*) FROM crm_case WHERE id = ?").param(caseId).query(Long.class).single() == 0) {
                return rejected(line, "unknown opportunity " + caseId);
            }
        }
        int priority = 1;
        if (row.containsKey("priority")) {
            try {
                priority = Integer.parseInt(row.get("priority"));
            } catch (NumberFormatException e) {
                priority = -1;
            }
            if (priority < 0 || priority > 3) {
                return rejected(line, "priority must be 0 to 3");
            }
        }
        Instant due = row.containsKey("due") ? CallDraft.parseInstant("due", row.get("due")) : Instant.now();
        String fingerprint = fingerprint(company, contact, phone.get(), row.get("email"), caseId, row.get("due"), row.get("operator"),
                row.get("summary"), row.get("notes"));
        if (!seen.add(fingerprint) || calls.fingerprintExists(campaign.id(), fingerprint)) {
            return rejected(line, "duplicate row: the same call is already in this campaign");
        }
        PartnerMatcher.Match m = matcher.matchOrCreate(company, contact, phone.get(), row.get("email"));
        CallDraft d = new CallDraft();
        d.direction = CallDirection.OUTBOUND;
        d.summary = row.containsKey("summary") ? ColumnText.shorten(row.get("summary"), 200) : ColumnText.shorten(campaign.name(), 200);
        d.partnerId = m.partnerId();
        d.contactId = m.contactId();
        d.partnerName = m.partnerName();
        d.contactName = m.contactName();
        d.caseId = caseId;
        d.campaignId = campaign.id();
        d.phone = phone.get();
        d.notes = row.containsKey("notes") ? ColumnText.shorten(row.get("notes"), 10_000) : null;
        d.priority = priority;
        d.dueAt = due;
        d.responsibleId = operatorId;
        d.teamId = campaign.teamId();
        long callId = calls.insert(d, fingerprint);
        return new ImportJob.Row(line, m.created() ? "CREATED" : "MATCHED", callId, m.created() ? "new partner " + m.partnerName()
                : "partner " + m.partnerName());
    }

    /** The row's meaning, normalised (case, blanks, phone format), so a re-saved file still matches. */
    static String fingerprint(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(v == null ? "" : PartnerMatcher.key(v.toString())).append('\u001f');
        }
        return Sha256.hex(sb.toString());
    }

    private static ImportJob.Row rejected(long line, String reason) {
        return new ImportJob.Row(line, "REJECTED", null, reason);
    }

}
