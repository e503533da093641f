package org.switchboard.server.phonecall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.switchboard.server.storage.BatchInsert;
import org.switchboard.server.storage.ColumnText;

/** The {@code call_import_job} and {@code call_import_row} tables: progress and the per-row report. */
@Repository
public class ImportJobRepository {
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

    /** The report rows of one batch, in one bulk insert. */
    public void addRows(long jobId, List<ImportJob.Row> rows) {
        inserts.insertRows("call_import_row", "job_id, line_no, outcome, call_id, reason",
                rows.stream().map(row -> new Object[] {jobId, row.line(), row.outcome(), row.callId(), ColumnText.shorten(row.reason(), 300)})
                        .toList());
    }

    /** The report in file order, keyset-paged by row number; {@code outcome} null for every row. */
    public List<ImportJob.Row> rows(long jobId, String outcome, long afterLine, int limit) {
        return jdbc.sql("SELECT line_no, outcome, call_id, reason FROM call_import_row WHERE job_id = ? AND line_no > ?"
                + (outcome == null ? "" : " AND outcome = ?") + " ORDER BY line_no LIMIT ?")
                .params(outcome == null ? List.of(jobId, afterLine, limit) : List.of(jobId, afterLine, outcome, limit))
                .query((rs, n) -> new ImportJob.Row(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4))).list();
    }

    private static ImportJob map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new ImportJob(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("file_name"), ImportJob.State.valueOf(rs.getString("state")),
                rs.getLong("bytes_read"), rs.getLong("bytes_total"), rs.getInt("rows_done"), rs.getInt("created"), rs.getInt("matched"),
                rs.getInt("rejected"), rs.getString("error"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
