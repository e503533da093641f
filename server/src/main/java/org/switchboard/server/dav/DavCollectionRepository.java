package org.switchboard.server.dav;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavCollection;

/** SQL of {@code dav_collection}. */
@Repository
class DavCollectionRepository {
    private static final String COLUMNS = "id, home, name, kind, display_name, description, color, sort_order, components, read_only, shared, sync_seq";
    private final JdbcClient jdbc;

    DavCollectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredCollection> find(String home, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dav_collection WHERE home = ? AND name = ?")
                .params(home, name).query(DavCollectionRepository::map).optional();
    }

    /** The collections directly in {@code home} followed by every shared collection of other homes. */
    List<StoredCollection> listedIn(String home) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dav_collection WHERE (home = ? AND parent_id IS NULL) OR shared ORDER BY shared, home, name")
                .param(home).query(DavCollectionRepository::map).list();
    }

    /** The plain collections nested directly in collection {@code parentId}. */
    List<StoredCollection> children(long parentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dav_collection WHERE parent_id = ? ORDER BY name")
                .param(parentId).query(DavCollectionRepository::map).list();
    }

    /** Locks the row until the transaction ends: writers of one collection take turns, readers never wait. */
    Optional<Long> lockForWrite(long id) {
        return jdbc.sql("SELECT sync_seq FROM dav_collection WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
    }

    void setSyncSeq(long id, long seq) {
        jdbc.sql("UPDATE dav_collection SET sync_seq = ? WHERE id = ?").params(seq, id).update();
    }

    void insert(String home, String name, Long ownerId, CollectionKind kind, CollectionProps p) {
        insert(home, name, ownerId, kind, p, null);
    }

    /** {@code parentId}: the plain collection a nested one is in (null directly in the home). */
    void insert(String home, String name, Long ownerId, CollectionKind kind, CollectionProps p, Long parentId) {
        jdbc.sql("INSERT INTO dav_collection (home, name, owner_id, kind, display_name, description, color, sort_order, components, parent_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(home, name, ownerId, kind.name(), p.displayName(), p.description(), p.color(), p.order(),
                        p.components() == null ? null : String.join(",", p.components()), parentId)
                .update();
    }

    void update(long id, DavCollection c) {
        jdbc.sql("UPDATE dav_collection SET display_name = ?, description = ?, color = ?, sort_order = ?, components = ? WHERE id = ?")
                .params(c.displayName(), c.description(), c.color(), c.order(), String.join(",", c.components()), id)
                .update();
    }

    /** Deletes the collection, its members and (by cascade) every collection nested in it. */
    boolean delete(long id) {
        return jdbc.sql("DELETE FROM dav_collection WHERE id = ?").param(id).update() > 0;
    }

    private static StoredCollection map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        long seq = rs.getLong("sync_seq");
        String comps = rs.getString("components");
        Set<String> components = comps == null || comps.isBlank() ? null : new LinkedHashSet<>(Arrays.asList(comps.split(",")));
        Integer order = (Integer) rs.getObject("sort_order", Integer.class);
        DavCollection c = new DavCollection(rs.getString("home"), rs.getString("name"), CollectionKind.valueOf(rs.getString("kind")),
                rs.getString("display_name"), rs.getString("description"), rs.getString("color"), order, components,
                SyncTokens.of(id, seq), rs.getBoolean("read_only"));
        return new StoredCollection(id, rs.getBoolean("shared"), seq, c);
    }
}
