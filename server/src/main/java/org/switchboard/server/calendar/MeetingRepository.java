package org.switchboard.server.calendar;

import static org.switchboard.server.storage.Timestamps.instant;
import static org.switchboard.server.storage.Timestamps.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.switchboard.server.dav.DavObjectStore;
import org.switchboard.server.storage.Categories;

/** SQL of {@code meeting} and {@code meeting_attendee}. */
@Repository
class MeetingRepository {
    private static final String SELECT = """
            SELECT m.id, m.collection_id, m.object_name, m.uid, m.etag, m.title, m.starts_at, m.ends_at, m.all_day, m.location,
                   m.description, m.organizer_id, u.display_name AS organizer_name, m.partner_id, p.name AS partner_name, m.contact_id,
                   m.case_id, c.name AS case_name, m.categories, m.state, m.recurrence, m.created_at, m.updated_at, m.version
            FROM meeting m LEFT JOIN app_user u ON u.id = m.organizer_id LEFT JOIN partner p ON p.id = m.partner_id
                 LEFT JOIN crm_case c ON c.id = m.case_id
            """;
    private final JdbcClient jdbc;

    MeetingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredMeeting> find(long id) {
        return first(jdbc.sql(SELECT + " WHERE m.id = ?").param(id).query(MeetingRepository::map).list());
    }

    Optional<StoredMeeting> findByObject(long collectionId, String name) {
        return first(jdbc.sql(SELECT + " WHERE m.collection_id = ? AND m.object_name = ?").params(collectionId, name)
                .query(MeetingRepository::map).list());
    }

    /** The meeting of the company calendar whose event has this UID (an iTIP reply names only the UID). */
    Optional<StoredMeeting> findByUid(long collectionId, String uid) {
        return first(jdbc.sql(SELECT + " WHERE m.collection_id = ? AND m.uid = ? ORDER BY m.id").params(collectionId, uid)
                .query(MeetingRepository::map).list());
    }

    /**
     * Meetings with an occurrence that may overlap [from, to), first start first, at most {@code max}:
     * all of them, or those organized or attended by one of {@code userIds}.
     */
    List<StoredMeeting> overlapping(Instant from, Instant to, Collection<Long> userIds, int max) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE m.starts_at < :to AND (m.last_end IS NULL OR m.last_end > :from)");
        Map<String, Object> params = new HashMap<>();
        params.put("from", utc(from));
        params.put("to", utc(to));
        if (userIds != null) {
            if (userIds.isEmpty()) {
                return List.of();
            }
            sql.append(" AND (m.organizer_id IN (:users) OR EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = m.id"
                    + " AND a.user_id IN (:users)))");
            params.put("users", userIds);
        }
        sql.append(" ORDER BY m.starts_at, m.id LIMIT :max");
        params.put("max", max);
        return withAttendees(jdbc.sql(sql.toString()).params(params).query(MeetingRepository::map).list());
    }

    /** Inserts or replaces the row of the event at (collection, name); its id survives updates. */
    long save(long collectionId, String name, MeetingFields f) {
        Object[] values = {f.uid(), f.etag(), f.title(), utc(f.start()), utc(f.end()), f.allDay(), utc(f.lastEnd()), f.location(),
            f.description(), f.organizerId(), f.partnerId(), f.contactId(), f.caseId(), Categories.encode(f.categories()), f.state().name(),
            f.recurrence()};
        Optional<Long> existing = jdbc.sql("SELECT id FROM meeting WHERE collection_id = ? AND object_name = ?").params(collectionId, name)
                .query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            List<Object> params = new ArrayList<>(Arrays.asList(values));
            params.add(id);
            jdbc.sql("""
                    UPDATE meeting SET uid = ?, etag = ?, title = ?, starts_at = ?, ends_at = ?, all_day = ?, last_end = ?, location = ?,
                        description = ?, organizer_id = ?, partner_id = ?, contact_id = ?, case_id = ?, categories = ?, state = ?,
                        recurrence = ?, updated_at = CURRENT_TIMESTAMP, version = version + 1
                    WHERE id = ?""").params(params).update();
            jdbc.sql("DELETE FROM meeting_attendee WHERE meeting_id = ?").param(id).update();
        } else {
            List<Object> params = new ArrayList<>(List.of(collectionId, name));
            params.addAll(Arrays.asList(values));
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO meeting (collection_id, object_name, uid, etag, title, starts_at, ends_at, all_day, last_end, location,
                        description, organizer_id, partner_id, contact_id, case_id, categories, state, recurrence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(params).update(keys, "id");
            id = keys.getKeyAs(Long.class);
        }
        int position = 0;
        for (MeetingAttendee a : f.attendees()) {
            jdbc.sql("INSERT INTO meeting_attendee (meeting_id, position, email, name, user_id, partner_id) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id, position++, a.email(), a.name(), a.userId(), a.partnerId()).update();
        }
        return id;
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM meeting WHERE id = ?").param(id).update();
    }

    private Optional<StoredMeeting> first(List<StoredMeeting> rows) {
        return withAttendees(rows).stream().findFirst();
    }

    private List<StoredMeeting> withAttendees(List<StoredMeeting> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<MeetingAttendee>> byMeeting = new LinkedHashMap<>();
        rows.forEach(r -> byMeeting.put(r.meeting().id(), new ArrayList<>()));
        List<Long> ids = new ArrayList<>(byMeeting.keySet());
        for (int i = 0; i < ids.size(); i += 500) {
            jdbc.sql("SELECT meeting_id, email, name, user_id, partner_id FROM meeting_attendee WHERE meeting_id IN (:ids) ORDER BY meeting_id, position")
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
                    .query((rs, n) -> {
                        byMeeting.get(rs.getLong("meeting_id")).add(new MeetingAttendee(rs.getObject("user_id", Long.class),
                                rs.getObject("partner_id", Long.class), rs.getString("email"), rs.getString("name")));
                        return null;
                    }).list();
        }
        List<StoredMeeting> out = new ArrayList<>(rows.size());
        for (StoredMeeting r : rows) {
            Meeting m = r.meeting();
            out.add(new StoredMeeting(new Meeting(m.id(), m.title(), m.start(), m.end(), m.allDay(), m.location(), m.description(),
                    m.organizerId(), m.organizerName(), List.copyOf(byMeeting.get(m.id())), m.partnerId(), m.partnerName(), m.contactId(),
                    m.caseId(), m.caseName(), m.categories(), m.state(), m.recurrence(), m.uid(), m.davHref(), m.createdAt(), m.updatedAt(),
                    m.version()), r.collectionId(), r.objectName(), r.etag()));
        }
        return out;
    }

    private static StoredMeeting map(ResultSet rs, int row) throws SQLException {
        String name = rs.getString("object_name");
        Meeting m = new Meeting(rs.getLong("id"), rs.getString("title"), instant(rs, "starts_at"), instant(rs, "ends_at"),
                rs.getBoolean("all_day"), rs.getString("location"), rs.getString("description"), rs.getObject("organizer_id", Long.class),
                rs.getString("organizer_name"), List.of(), rs.getObject("partner_id", Long.class), rs.getString("partner_name"),
                rs.getObject("contact_id", Long.class), rs.getObject("case_id", Long.class), rs.getString("case_name"),
                Categories.decode(rs.getString("categories")), MeetingState.valueOf(rs.getString("state")), rs.getString("recurrence"),
                rs.getString("uid"), DavObjectStore.href(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS, name),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("version"));
        return new StoredMeeting(m, rs.getLong("collection_id"), name, rs.getString("etag"));
    }


}
