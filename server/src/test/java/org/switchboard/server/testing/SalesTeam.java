package org.switchboard.server.testing;

import java.util.List;
import java.util.Map;

/** A salesperson "sam{tag}" and a team with her in it, made through the API: where the mail tests' cases go. */
public record SalesTeam(ApiClient admin, ApiClient sam, long samId, long teamId) {
    public static SalesTeam create(int port, String tag, String teamName) {
        ApiClient admin = ApiClient.admin(port);
        long samId = admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", "sam" + tag, "displayName", "Sam " + tag,
                "email", "sam" + tag + "@example.com", "role", "SALESPERSON", "password", "password-" + tag)))).get("id").asLong();
        ApiClient sam = ApiClient.basic(port, "sam" + tag, "password-" + tag);
        long teamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", teamName, "memberIds", List.of(samId)))))
                .get("id").asLong();
        return new SalesTeam(admin, sam, samId, teamId);
    }
}
