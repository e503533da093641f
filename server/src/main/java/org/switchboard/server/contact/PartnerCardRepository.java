package org.switchboard.server.contact;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code partner_card} (which card is whose) and the {@code partner_change} queue the address book drains. */
@Repository
class PartnerCardRepository {
    private final JdbcClient jdbc;

    PartnerCardRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Change(long id, long partnerId) {
    }

    /** Lock-free and cheap (at most {@code cap} index entries): how many queue rows wait, counted up to {@code cap}. */
    int pending(int cap) {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT id FROM partner_change ORDER BY id LIMIT ?) q").param(cap).query(Integer.class).single();
    }

    List<Change> changes(int max) {
        return jdbc.sql("SELECT id, partner_id FROM partner_change ORDER BY id LIMIT ?").param(max)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getLong(2))).list();
    }

    /** Removes exactly the rows handled: a row committed meanwhile, even with a lower id, stays for next time. */
    void handled(Collection<Long> changeIds) {
        jdbc.sql("DELETE FROM partner_change WHERE id IN (:ids)").param("ids", changeIds).update();
    }

    Map<Long, String> objectNames(Collection<Long> partnerIds) {
        Map<Long, String> out = new HashMap<>();
        jdbc.sql("SELECT partner_id, object_name FROM partner_card WHERE partner_id IN (:ids)").param("ids", partnerIds)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getString(2));
                });
        return out;
    }

    Optional<Long> partnerOf(String objectName) {
        return jdbc.sql("SELECT partner_id FROM partner_card WHERE object_name = ?").param(objectName).query(Long.class).optional();
    }

    void link(long partnerId, String objectName) {
        jdbc.sql("INSERT INTO partner_card (partner_id, object_name) VALUES (?, ?)").params(partnerId, objectName).update();
    }

    void unlink(long partnerId) {
        jdbc.sql("DELETE FROM partner_card WHERE partner_id = ?").param(partnerId).update();
    }
}
