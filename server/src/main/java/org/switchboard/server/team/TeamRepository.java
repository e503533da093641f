package org.switchboard.server.team;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Teams, their members and their stages. */
@Repository
public class TeamRepository {
    private final JdbcClient jdbc;

    public TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Team> findAll() {
        Map<Long, List<Long>> members = new HashMap<>();
        jdbc.sql("SELECT team_id, user_id FROM team_member ORDER BY user_id")
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return jdbc.sql("SELECT id, name, leader_id FROM team ORDER BY name")
                .query((rs, i) -> new Team(rs.getLong("id"), rs.getString("name"), (Long) rs.getObject("leader_id", Long.class),
                        List.copyOf(members.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
    }

    public Optional<Team> find(long id) {
        List<Long> members = jdbc.sql("SELECT user_id FROM team_member WHERE team_id = ? ORDER BY user_id").param(id).query(Long.class).list();
        return jdbc.sql("SELECT id, name, leader_id FROM team WHERE id = ?").param(id)
                .query((rs, i) -> new Team(rs.getLong("id"), rs.getString("name"), rs.getObject("leader_id", Long.class), members))
                .optional();
    }

    /** Whether the team exists: one query, where {@link #find} also reads its members. */
    public boolean exists(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM team WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    public List<Long> teamIdsOf(long userId) {
        return jdbc.sql("SELECT team_id FROM team_member WHERE user_id = ?").param(userId).query(Long.class).list();
    }

    public long insert(String name, Long leaderId, List<Long> memberIds) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO team (name, leader_id) VALUES (?, ?)").params(name, leaderId).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        for (Long member : memberIds) {
            jdbc.sql("INSERT INTO team_member (team_id, user_id) VALUES (?, ?)").params(id, member).update();
        }
        return id;
    }

    public List<Stage> stages() {
        return jdbc.sql("SELECT id, team_id, name, sequence, probability FROM stage ORDER BY sequence, id")
                .query((rs, i) -> new Stage(rs.getLong("id"), rs.getObject("team_id", Long.class), rs.getString("name"),
                        rs.getInt("sequence"), rs.getBigDecimal("probability")))
                .list();
    }

    public Optional<Stage> stage(long id) {
        return stages().stream().filter(s -> s.id() == id).findFirst();
    }

    /** The first stage a new case of this team enters. */
    public Optional<Stage> firstStage(Long teamId) {
        return stages().stream().filter(s -> s.usableBy(teamId)).findFirst();
    }

    public long insertStage(Long teamId, String name, int sequence, BigDecimal probability) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO stage (team_id, name, sequence, probability) VALUES (?, ?, ?, ?)")
                .params(teamId, name, sequence, probability).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }
}
