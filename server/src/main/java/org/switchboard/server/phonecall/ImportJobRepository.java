package org.switchboard.server.phonecall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.switchboard.server.storage.BatchInsert;
import org.switchboard.server.storage.ColumnText;

/** The {@code call_import_job}, {@code call_import_batch} and {@code call_import_row} tables: progress and the report. */
@Repository
public class ImportJobRepository {
    static final String CREATED = "CREATED";
    static final String MATCHED = "MATCHED";
    static final String REJECTED = "REJECTED";
    private final JdbcClient jdbc;

    private final BatchInsert inserts;

    public ImportJobRepository(JdbcClient jdbc, BatchInsert inserts) {
        this.jdbc = jdbc;
        this.inserts = inserts;
    }

    public long insert(long campaignId, String fileName, long bytesTotal, long createdBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO call_import_job (campaign_id, file_name, state, bytes_total, created_by) VALUES (?, ?, 'RUNNING', ?, ?)")
                .params(campaignId, fileName, bytesTotal, createdBy).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public Optional<ImportJob> find(long id) {
        return jdbc.sql("SELECT * FROM call_import_job WHERE id = ?").param(id).query(ImportJobRepository::map).optional();
    }

    /** Adds a committed batch's counts, in the batch's transaction: the progress never runs ahead of the data. */
    public void progress(long id, long bytesRead, int rows, int created, int matched, int rejected) {
        jdbc.sql("""
                UPDATE call_import_job SET bytes_read = ?, rows_done = rows_done + ?, created = created + ?, matched = matched + ?,
                       rejected = rejected + ? WHERE id = ?
                """).params(bytesRead, rows, created, matched, rejected, id).update();
    }

    public void finish(long id, String error) {
        jdbc.sql("UPDATE call_import_job SET state = ?, error = ?, finished_at = CURRENT_TIMESTAMP WHERE id = ?")
                .params(error == null ? "DONE" : "FAILED", error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error, id)
                .update();
    }

    /**
     * A committed batch's report, in the batch's transaction: its rejected lines with their reasons, and
     * one row for the whole batch with each line's outcome and the ids of the calls it created.
     */
    public void addBatch(long jobId, List<ImportJob.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder outcomes = new StringBuilder(rows.size());
        List<Long> callIds = new ArrayList<>();
        List<Object[]> rejected = new ArrayList<>();
        for (ImportJob.Row row : rows) {
            switch (row.outcome()) {
                case CREATED -> outcomes.append('C');
                case MATCHED -> outcomes.append('M');
                default -> {
                    outcomes.append('R');
                    rejected.add(new Object[] {jobId, row.line(), row.outcome(), row.callId(), ColumnText.shorten(row.reason(), 300)});
                }
            }
            if (row.callId() != null && !row.outcome().equals(REJECTED)) {
                callIds.add(row.callId());
            }
        }
        inserts.insertRows("call_import_row", "job_id, line_no, outcome, call_id, reason", rejected);
        jdbc.sql("INSERT INTO call_import_batch (job_id, first_line, last_line, outcomes, call_ids) VALUES (?, ?, ?, ?, ?)")
                .params(jobId, rows.get(0).line(), rows.get(rows.size() - 1).line(), outcomes.toString(), CallIdRuns.encode(callIds)).update();
    }

    /** The report in file order, keyset-paged by line number; {@code outcome} null for every line. */
    public List<ImportJob.Row> rows(long jobId, String outcome, long afterLine, int limit) {
        List<ImportJob.Row> listed = jdbc.sql("SELECT line_no, outcome, call_id, reason FROM call_import_row WHERE job_id = ? AND line_no > ?"
                + (outcome == null ? "" : " AND outcome = ?") + " ORDER BY line_no LIMIT ?")
                .params(outcome == null ? List.of(jobId, afterLine, limit) : List.of(jobId, afterLine, outcome, limit))
                .query((rs, n) -> new ImportJob.Row(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4))).list();
        if (REJECTED.equals(outcome)) {
            return listed;
        }
        List<ImportJob.Row> accepted = acceptedLines(jobId, outcome, afterLine, limit);
        if (accepted.isEmpty()) {
            return listed;
        }
        List<ImportJob.Row> merged = new ArrayList<>(listed.size() + accepted.size());
        merged.addAll(listed);
        merged.addAll(accepted);
        merged.sort(Comparator.comparingLong(ImportJob.Row::line));
        return withPartnerNames(merged.subList(0, Math.min(limit, merged.size())));
    }

    /** Up to {@code limit} accepted lines after {@code afterLine}, decoded from the batch rows (their reason still empty). */
    private List<ImportJob.Row> acceptedLines(long jobId, String outcome, long afterLine, int limit) {
        List<ImportJob.Row> found = new ArrayList<>();
        long after = afterLine;
        while (found.size() < limit) {
            List<Object[]> batches = jdbc.sql("SELECT first_line, last_line, outcomes, call_ids FROM call_import_batch WHERE job_id = ? AND last_line > ?"
                    + " ORDER BY first_line LIMIT 4").params(jobId, after)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)}).list();
            if (batches.isEmpty()) {
                break;
            }
            for (Object[] batch : batches) {
                long first = (Long) batch[0];
                String outcomes = (String) batch[2];
                List<Long> callIds = CallIdRuns.decode((String) batch[3]);
                int call = 0;
                for (int i = 0; i < outcomes.length() && found.size() < limit; i++) {
                    char letter = outcomes.charAt(i);
                    if (letter == 'R') {
                        continue;
                    }
                    long callId = callIds.get(call++);
                    String lineOutcome = letter == 'C' ? CREATED : MATCHED;
                    if (first + i > afterLine && (outcome == null || outcome.equals(lineOutcome))) {
                        found.add(new ImportJob.Row(first + i, lineOutcome, callId, null));
                    }
                }
                after = (Long) batch[1];
            }
        }
        return found;
    }

    /** Accepted lines read "new partner X" or "partner X", X being the partner their call is for. */
    private List<ImportJob.Row> withPartnerNames(List<ImportJob.Row> rows) {
        Long[] ids = rows.stream().filter(r -> r.reason() == null && r.callId() != null).map(ImportJob.Row::callId).toArray(Long[]::new);
        if (ids.length == 0) {
            return rows;
        }
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("SELECT id, partner_name FROM phone_call WHERE id = ANY(?)").param(ids)
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return rows.stream().map(r -> r.reason() != null || r.callId() == null ? r
                : new ImportJob.Row(r.line(), r.outcome(), r.callId(),
                        (CREATED.equals(r.outcome()) ? "new partner " : "partner ") + names.getOrDefault(r.callId(), "(call deleted)")))
                .toList();
    }

    private static ImportJob map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new ImportJob(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("file_name"), ImportJob.State.valueOf(rs.getString("state")),
                rs.getLong("bytes_read"), rs.getLong("bytes_total"), rs.getInt("rows_done"), rs.getInt("created"), rs.getInt("matched"),
                rs.getInt("rejected"), rs.getString("error"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
