package org.switchboard.server.dav;

import static org.switchboard.server.storage.Timestamps.instant;
import static org.switchboard.server.storage.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.ObjectIndex;
import org.switchboard.dav.spi.OccurrenceSupport.Busy;
import org.switchboard.dav.spi.OccurrenceSupport.Occurrence;

/**
 * SQL of {@code dav_occurrence} and {@code dav_object.occ_until} (ADR 0012). Rows are written with their
 * object, in the writer's transaction; reads are plain MVCC reads.
 */
@Repository
class DavOccurrenceRepository {
    /** occ_until of an object whose every instance is listed. */
    static final Instant COMPLETE = Instant.parse("9999-12-31T00:00:00Z");
    /** occ_until of an object too dense to index: every query parses it. */
    static final Instant NOTHING = Instant.parse("0001-01-01T00:00:00Z");
    /** Instances longer than this are "long": the others are found by a range of starts looking back this far. */
    static final Duration LONG = Duration.ofDays(7);

    private static final String INFO = "o.id, o.name, o.etag, o.byte_size, o.component_type, o.uid, o.first_start, o.last_end";
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DavOccurrenceRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** What {@code occ_until} holds for the engine's answer ({@code coveredUntil} null: complete). */
    static Instant until(ICalObject.Occurrences o) {
        Instant u = o.coveredUntil();
        if (u == null) {
            return COMPLETE;
        }
        return u.isBefore(NOTHING) ? NOTHING : u;
    }

    Long objectId(long collectionId, String name) {
        return jdbc.sql("SELECT id FROM dav_object WHERE collection_id = ? AND name = ?").params(collectionId, name)
                .query(Long.class).optional().orElse(null);
    }

    /** Replaces the rows of an object and records how far they go; the object row must be this version. */
    void replace(long objectId, long collectionId, ICalObject.Occurrences occurrences) {
        jdbc.sql("DELETE FROM dav_occurrence WHERE object_id = ?").param(objectId).update();
        List<Object[]> rows = rows(objectId, collectionId, occurrences);
        if (!rows.isEmpty()) {
            batch.batchUpdate(INSERT, rows);
        }
        jdbc.sql("UPDATE dav_object SET occ_until = ? WHERE id = ?").params(utc(until(occurrences)), objectId).update();
    }

    /**
     * For the background indexer, in one transaction: replaces the rows of each object that still has the
     * ETag it was read with, and returns how many it indexed. The UPDATE's row lock orders it with a
     * concurrent PUT, which replaces the rows after updating the same row; an object a PUT changed meanwhile
     * is left to the rows that PUT wrote.
     */
    int replaceAll(List<Pending> objects, List<ICalObject.Occurrences> occurrences) {
        List<Object[]> claims = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            Pending p = objects.get(i);
            claims.add(new Object[] {utc(until(occurrences.get(i))), p.id(), p.etag()});
        }
        int[] counts = batch.batchUpdate("UPDATE dav_object SET occ_until = ? WHERE id = ? AND etag = ?", claims);
        List<Long> claimed = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (counts[i] == 0) {
                continue;
            }
            Pending p = objects.get(i);
            claimed.add(p.id());
            rows.addAll(rows(p.id(), p.collectionId(), occurrences.get(i)));
        }
        if (!claimed.isEmpty()) {
            jdbc.sql("DELETE FROM dav_occurrence WHERE object_id IN (:ids)").param("ids", claimed).update();
        }
        if (!rows.isEmpty()) {
            batch.batchUpdate(INSERT, rows);
        }
        return claimed.size();
    }

    private static final String INSERT = "INSERT INTO dav_occurrence (object_id, collection_id, occ_start, occ_end, busy, long_span) "
            + "VALUES (?, ?, ?, ?, ?, ?)";

    private static List<Object[]> rows(long objectId, long collectionId, ICalObject.Occurrences occurrences) {
        List<Object[]> rows = new ArrayList<>(occurrences.rows().size());
        for (Occurrence o : occurrences.rows()) {
            boolean longSpan = Duration.between(o.start(), o.end()).compareTo(LONG) > 0;
            rows.add(new Object[] {objectId, collectionId, utc(o.start()), utc(o.end()), String.valueOf(o.busy().code()), longSpan});
        }
        return rows;
    }

    record Pending(long id, long collectionId, String etag, byte[] data) {
    }

    /**
     * Objects after {@code afterId} (by id) that are not indexed yet or whose horizon ends before {@code soon}.
     */
    List<Pending> pending(long afterId, Instant soon, int limit) {
        // only events have rows; the other kinds (tasks, vCards) are never asked about, nor files of plain collections
        return jdbc.sql("SELECT id, collection_id, etag, data FROM dav_object WHERE id > ? AND content_type IS NULL "
                        + "AND (component_type = 'VEVENT' OR component_type IS NULL) AND (occ_until IS NULL "
                        + "OR (occ_until < ? AND occ_until > ?)) ORDER BY id LIMIT " + limit)
                .params(afterId, utc(soon), utc(NOTHING))
                .query((rs, i) -> new Pending(rs.getLong("id"), rs.getLong("collection_id"), rs.getString("etag"), rs.getBytes("data")))
                .list();
    }

    /** Members the index does not cover up to {@code end} (null: for ever) that may overlap [start, end). */
    Map<Long, DavObjectInfo> unindexed(long collectionId, Instant start, Instant end) {
        StringBuilder sql = new StringBuilder("SELECT " + INFO + " FROM dav_object o WHERE o.collection_id = :c"
                + " AND (o.component_type = 'VEVENT' OR o.component_type IS NULL) AND (o.occ_until IS NULL OR o.occ_until < :until)"
                + " AND (o.first_start IS NULL OR (TRUE");
        Map<String, Object> params = new HashMap<>();
        params.put("c", collectionId);
        params.put("until", utc(end == null ? COMPLETE : end));
        if (end != null) {
            sql.append(" AND o.first_start < :end");
            params.put("end", utc(end));
        }
        if (start != null) {
            sql.append(" AND (o.last_end IS NULL OR o.last_end >= :start)");
            params.put("start", utc(start));
        }
        sql.append("))");
        Map<Long, DavObjectInfo> out = new HashMap<>();
        jdbc.sql(sql.toString()).params(params).query((ResultSet rs) -> {
            out.put(rs.getLong("id"), info(rs));
        });
        return out;
    }

    /** The objects covered up to {@code end} with an instance overlapping [start, end) (RFC 4791 §9.9 for VEVENT). */
    List<DavObjectInfo> matches(long collectionId, Instant start, Instant end) {
        Map<String, Object> params = new HashMap<>();
        String ids = instancesIn(collectionId, start, end, "object_id", params);
        params.put("until", utc(end == null ? COMPLETE : end));
        return jdbc.sql("SELECT " + INFO + " FROM dav_object o WHERE o.id IN (" + ids + ") AND o.occ_until >= :until")
                .params(params).query((rs, i) -> info(rs)).list();
    }

    record Instance(long objectId, Occurrence occurrence) {
    }

    /** The instances overlapping [start, end) that are not free, with their objects. */
    List<Instance> busy(long collectionId, Instant start, Instant end) {
        Map<String, Object> params = new HashMap<>();
        String sql = instancesIn(collectionId, start, end, "object_id, occ_start, occ_end, busy", params);
        return jdbc.sql("SELECT * FROM (" + sql + ") i WHERE busy <> 'F'").params(params)
                .query((rs, i) -> new Instance(rs.getLong("object_id"), new Occurrence(instant(rs, "occ_start"), instant(rs, "occ_end"),
                        Busy.of(rs.getString("busy").charAt(0)))))
                .list();
    }

    /**
     * The rows overlapping [start, end) as two index ranges: instances of at most {@link #LONG} starting
     * from {@code start - LONG}, and the long ones starting before that.
     */
    private static String instancesIn(long collectionId, Instant start, Instant end, String columns, Map<String, Object> params) {
        params.put("c", collectionId);
        StringBuilder sql = new StringBuilder("SELECT " + columns + " FROM dav_occurrence WHERE collection_id = :c");
        if (end != null) {
            sql.append(" AND occ_start < :end");
            params.put("end", utc(end));
        }
        if (start == null) {
            return sql.toString();
        }
        params.put("start", utc(start));
        params.put("lo", utc(start.minus(LONG)));
        // zero-length instances match when they start in the range; the others when they overlap it
        sql.append(" AND occ_start >= :lo AND (occ_end > :start OR occ_start >= :start)");
        sql.append(" UNION ALL SELECT ").append(columns)
                .append(" FROM dav_occurrence WHERE collection_id = :c AND long_span = TRUE AND occ_start < :lo AND occ_end > :start");
        return sql.toString();
    }



    private static DavObjectInfo info(ResultSet rs) throws SQLException {
        String type = rs.getString("component_type");
        String uid = rs.getString("uid");
        Instant first = instant(rs, "first_start");
        ObjectIndex ix = type == null && uid == null && first == null ? null : new ObjectIndex(type, uid, first, instant(rs, "last_end"));
        return new DavObjectInfo(rs.getString("name"), rs.getString("etag"), rs.getInt("byte_size"), ix);
    }
}
