package org.switchboard.server.dav;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.xml.namespace.QName;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code dav_property}: dead properties of plain collections ({@code member} '') and their files (ADR 0017). */
@Repository
class DavPropertyRepository {
    /** The member name of the collection itself. */
    static final String COLLECTION = "";
    private final JdbcClient jdbc;

    DavPropertyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<QName, String> find(long collectionId, String member) {
        Map<QName, String> out = new LinkedHashMap<>();
        jdbc.sql("SELECT namespace, local_name, xml FROM dav_property WHERE collection_id = ? AND member = ? ORDER BY namespace, local_name")
                .params(collectionId, member)
                .query(rs -> {
                    out.put(new QName(rs.getString("namespace"), rs.getString("local_name")), rs.getString("xml"));
                });
        return out;
    }

    /** Called with the collection row locked, so two patches of one resource take turns. */
    void patch(long collectionId, String member, Map<QName, String> set, Set<QName> remove) {
        for (QName n : remove) {
            delete(collectionId, member, n);
        }
        for (Map.Entry<QName, String> e : set.entrySet()) {
            delete(collectionId, member, e.getKey());
            jdbc.sql("INSERT INTO dav_property (collection_id, member, namespace, local_name, xml) VALUES (?, ?, ?, ?, ?)")
                    .params(collectionId, member, e.getKey().getNamespaceURI(), e.getKey().getLocalPart(), e.getValue()).update();
        }
    }

    private void delete(long collectionId, String member, QName n) {
        jdbc.sql("DELETE FROM dav_property WHERE collection_id = ? AND member = ? AND namespace = ? AND local_name = ?")
                .params(collectionId, member, n.getNamespaceURI(), n.getLocalPart()).update();
    }

    /** The properties of a deleted file. */
    void deleteMember(long collectionId, String member) {
        jdbc.sql("DELETE FROM dav_property WHERE collection_id = ? AND member = ?").params(collectionId, member).update();
    }
}
