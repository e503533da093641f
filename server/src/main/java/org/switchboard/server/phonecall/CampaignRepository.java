package org.switchboard.server.phonecall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code call_campaign} table and the counts of its calls. */
@Repository
public class CampaignRepository {
    private static final String SELECT = """
            SELECT cc.id, cc.name, cc.team_id, t.name AS team_name, cc.created_at FROM call_campaign cc LEFT JOIN team t ON t.id = cc.team_id
            """;
    private final JdbcClient jdbc;

    public CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String name, Long teamId, long createdBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO call_campaign (name, team_id, created_by) VALUES (?, ?, ?)").params(name, teamId, createdBy).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    public Optional<CallCampaign> find(long id) {
        return jdbc.sql(SELECT + " WHERE cc.id = ?").param(id).query(CampaignRepository::map).optional();
    }

    public List<CallCampaign> list() {
        return jdbc.sql(SELECT + " ORDER BY cc.id DESC LIMIT 500").query(CampaignRepository::map).list();
    }

    public CampaignStats stats(long campaignId) {
        Map<Long, long[]> perOperator = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        long[] all = new long[5];
        jdbc.sql("""
                SELECT pc.responsible_id, u.display_name, pc.state, count(*) AS n,
                       sum(CASE WHEN pc.converted_case_id IS NULL THEN 0 ELSE 1 END) AS converted
                FROM phone_call pc LEFT JOIN app_user u ON u.id = pc.responsible_id
                WHERE pc.campaign_id = ? GROUP BY pc.responsible_id, u.display_name, pc.state ORDER BY u.display_name
                """).param(campaignId).query(rs -> {
                    Long operator = rs.getObject("responsible_id", Long.class);
                    names.put(operator, rs.getString("display_name"));
                    long[] counts = perOperator.computeIfAbsent(operator, k -> new long[5]);
                    int slot = CallState.valueOf(rs.getString("state")).ordinal();
                    counts[slot] += rs.getLong("n");
                    counts[4] += rs.getLong("converted");
                    all[slot] += rs.getLong("n");
                    all[4] += rs.getLong("converted");
                });
        List<CampaignStats.OperatorStats> operators = new ArrayList<>();
        perOperator.forEach((id, c) -> operators.add(new CampaignStats.OperatorStats(id, names.get(id), c[0], c[1], c[2], c[3], c[4])));
        return new CampaignStats(all[0] + all[1] + all[2] + all[3], all[0], all[1], all[2], all[3], all[4], operators);
    }


    private static CallCampaign map(ResultSet rs, int row) throws SQLException {
        return new CallCampaign(rs.getLong("id"), rs.getString("name"), rs.getObject("team_id", Long.class), rs.getString("team_name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
