package org.switchboard.server.dav;

import static org.switchboard.server.storage.Timestamps.instant;
import static org.switchboard.server.storage.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.ObjectIndex;

/** SQL of {@code dav_object} and {@code dav_change}. Reads are plain MVCC reads: they never wait for a writer. */
@Repository
class DavObjectRepository {
    private static final String INFO = "name, etag, byte_size, component_type, uid, first_start, last_end, content_type";
    /** Multiget batches: one statement per this many names keeps the IN list within every driver's limits. */
    private static final int BATCH = 500;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DavObjectRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Every member, for listings (PROPFIND Depth 1): name, ETag, size and component type only. Time ranges go
     * through {@link #candidates} and the occurrence index, so the UID and time bounds are not read here
     * (mapping them cost a third of a 10,000-member PROPFIND).
     */
    List<DavObjectInfo> list(long collectionId) {
        return jdbc.sql("SELECT name, etag, byte_size, component_type, content_type FROM dav_object WHERE collection_id = ?").param(collectionId)
                .query((rs, i) -> {
                    String type = rs.getString("component_type");
                    return new DavObjectInfo(rs.getString("name"), rs.getString("etag"), rs.getInt("byte_size"),
                            type == null ? null : new ObjectIndex(type, null, null, null), rs.getString("content_type"));
                }).list();
    }

    /**
     * The members that may overlap [start, end) (either bound may be null: open), from the index columns.
     * Objects without time information (NULL first_start) are always candidates.
     */
    List<DavObjectInfo> candidates(long collectionId, String componentType, Instant start, Instant end) {
        StringBuilder sql = new StringBuilder("SELECT " + INFO + " FROM dav_object WHERE collection_id = :c");
        var params = new java.util.HashMap<String, Object>();
        params.put("c", collectionId);
        if (componentType != null) {
            sql.append(" AND (component_type = :t OR component_type IS NULL)");
            params.put("t", componentType.toUpperCase(java.util.Locale.ROOT));
        }
        if (end != null || start != null) {
            sql.append(" AND (first_start IS NULL OR (");
            sql.append(end != null ? "first_start < :end" : "TRUE");
            // inclusive, as ObjectIndex.mayOverlap: a zero-length instance at the range start matches (RFC 4791 §9.9)
            sql.append(start != null ? " AND (last_end IS NULL OR last_end >= :start)" : "");
            sql.append("))");
            if (end != null) params.put("end", utc(end));
            if (start != null) params.put("start", utc(start));
        }
        return jdbc.sql(sql.toString()).params(params).query(DavObjectRepository::info).list();
    }

    Optional<DavObject> get(long collectionId, String name) {
        return jdbc.sql("SELECT " + INFO + ", data FROM dav_object WHERE collection_id = ? AND name = ?")
                .params(collectionId, name).query(DavObjectRepository::object).optional();
    }

    List<DavObject> getAll(long collectionId, Collection<String> names) {
        List<String> all = new ArrayList<>(names);
        List<DavObject> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i += BATCH) {
            out.addAll(jdbc.sql("SELECT " + INFO + ", data FROM dav_object WHERE collection_id = :c AND name IN (:names)")
                    .param("c", collectionId).param("names", all.subList(i, Math.min(all.size(), i + BATCH)))
                    .query(DavObjectRepository::object).list());
        }
        return out;
    }

    Optional<DavObjectInfo> findByUid(long collectionId, String uid) {
        return jdbc.sql("SELECT " + INFO + " FROM dav_object WHERE collection_id = ? AND uid = ?")
                .params(collectionId, uid).query(DavObjectRepository::info).optional();
    }

    Optional<String> etag(long collectionId, String name) {
        return jdbc.sql("SELECT etag FROM dav_object WHERE collection_id = ? AND name = ?")
                .params(collectionId, name).query(String.class).optional();
    }

    /** The member other than {@code name} that holds {@code uid}. */
    Optional<String> otherHolderOfUid(long collectionId, String uid, String name) {
        return jdbc.sql("SELECT name FROM dav_object WHERE collection_id = ? AND uid = ? AND name <> ?")
                .params(collectionId, uid, name).query(String.class).optional();
    }

    void insert(long collectionId, DavObject o) {
        ObjectIndex ix = o.index();
        jdbc.sql("INSERT INTO dav_object (collection_id, name, etag, byte_size, data, component_type, uid, first_start, last_end, content_type) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(collectionId, o.name(), o.etag(), o.data().length, o.data(), ix == null ? null : ix.componentType(),
                        ix == null ? null : ix.uid(), ix == null ? null : utc(ix.firstStart()), ix == null ? null : utc(ix.lastEnd()),
                        o.contentType())
                .update();
    }

    void update(long collectionId, DavObject o) {
        ObjectIndex ix = o.index();
        jdbc.sql("UPDATE dav_object SET etag = ?, byte_size = ?, data = ?, component_type = ?, uid = ?, first_start = ?, last_end = ?, "
                        + "content_type = ? WHERE collection_id = ? AND name = ?")
                .params(o.etag(), o.data().length, o.data(), ix == null ? null : ix.componentType(), ix == null ? null : ix.uid(),
                        ix == null ? null : utc(ix.firstStart()), ix == null ? null : utc(ix.lastEnd()), o.contentType(), collectionId, o.name())
                .update();
    }

    void delete(long collectionId, String name) {
        jdbc.sql("DELETE FROM dav_object WHERE collection_id = ? AND name = ?").params(collectionId, name).update();
    }

    /** Records the latest change of {@code name} at {@code seq}; called with the collection row locked. */
    void recordChange(long collectionId, String name, long seq, boolean deleted) {
        int n = jdbc.sql("UPDATE dav_change SET seq = ?, deleted = ? WHERE collection_id = ? AND name = ?")
                .params(seq, deleted, collectionId, name).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO dav_change (collection_id, name, seq, deleted) VALUES (?, ?, ?, ?)")
                    .params(collectionId, name, seq, deleted).update();
        }
    }

    /**
     * Writes many objects and their changes in a few batched statements (the server rendering a whole
     * address book after an import); called with the collection row locked. The objects get the positions
     * {@code lastSeq + 1 …} in order; returns the last one.
     */
    long putAll(long collectionId, List<DavObject> objects, long lastSeq) {
        List<String> names = objects.stream().map(DavObject::name).toList();
        Set<String> stored = existing("dav_object", collectionId, names);
        Set<String> logged = existing("dav_change", collectionId, names);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> newChanges = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>();
        long seq = lastSeq;
        for (DavObject o : objects) {
            ObjectIndex ix = o.index();
            Object type = ix == null ? null : ix.componentType();
            Object uid = ix == null ? null : ix.uid();
            Object first = ix == null ? null : utc(ix.firstStart());
            Object last = ix == null ? null : utc(ix.lastEnd());
            if (stored.contains(o.name())) {
                updates.add(new Object[] {o.etag(), o.data().length, o.data(), type, uid, first, last, collectionId, o.name()});
            } else {
                inserts.add(new Object[] {collectionId, o.name(), o.etag(), o.data().length, o.data(), type, uid, first, last});
            }
            seq++;
            if (logged.contains(o.name())) {
                changes.add(new Object[] {seq, false, collectionId, o.name()});
            } else {
                newChanges.add(new Object[] {collectionId, o.name(), seq, false});
            }
        }
        // updates first: a name that moves between members never collides with an insert
        batch.batchUpdate("UPDATE dav_object SET etag = ?, byte_size = ?, data = ?, component_type = ?, uid = ?, first_start = ?, last_end = ? "
                + "WHERE collection_id = ? AND name = ?", updates);
        batch.batchUpdate("INSERT INTO dav_object (collection_id, name, etag, byte_size, data, component_type, uid, first_start, last_end) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        batch.batchUpdate("UPDATE dav_change SET seq = ?, deleted = ? WHERE collection_id = ? AND name = ?", changes);
        batch.batchUpdate("INSERT INTO dav_change (collection_id, name, seq, deleted) VALUES (?, ?, ?, ?)", newChanges);
        return seq;
    }

    private Set<String> existing(String table, long collectionId, List<String> names) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < names.size(); i += BATCH) {
            out.addAll(jdbc.sql("SELECT name FROM " + table + " WHERE collection_id = :c AND name IN (:names)").param("c", collectionId)
                    .param("names", names.subList(i, Math.min(names.size(), i + BATCH))).query(String.class).list());
        }
        return out;
    }

    record Change(String name, long seq, boolean deleted) {
    }

    /** Changes after {@code since} up to {@code head}, oldest first, at most {@code max} (0: all). */
    List<Change> changes(long collectionId, long since, long head, boolean withTombstones, int max) {
        String sql = "SELECT name, seq, deleted FROM dav_change WHERE collection_id = ? AND seq > ? AND seq <= ?"
                + (withTombstones ? "" : " AND NOT deleted") + " ORDER BY seq" + (max > 0 ? " LIMIT " + max : "");
        return jdbc.sql(sql).params(collectionId, since, head)
                .query((rs, i) -> new Change(rs.getString("name"), rs.getLong("seq"), rs.getBoolean("deleted"))).list();
    }



    private static ObjectIndex index(ResultSet rs) throws SQLException {
        String type = rs.getString("component_type");
        String uid = rs.getString("uid");
        Instant first = instant(rs, "first_start");
        if (type == null && uid == null && first == null) {
            return null;
        }
        return new ObjectIndex(type, uid, first, instant(rs, "last_end"));
    }

    private static DavObjectInfo info(ResultSet rs, int row) throws SQLException {
        return new DavObjectInfo(rs.getString("name"), rs.getString("etag"), rs.getInt("byte_size"), index(rs), rs.getString("content_type"));
    }

    private static DavObject object(ResultSet rs, int row) throws SQLException {
        return new DavObject(rs.getString("name"), rs.getString("etag"), rs.getBytes("data"), index(rs), rs.getString("content_type"));
    }
}
