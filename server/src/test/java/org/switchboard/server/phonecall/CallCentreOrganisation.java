package org.switchboard.server.phonecall;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small call centre made through the API, with unique names per test: a manager, operators in a team, a salesperson. */
final class CallCentreOrganisation {
    private static int sequence;
    final int port;
    final String tag;
    final ApiClient admin;
    final ApiClient manager;
    final ApiClient operator;
    final ApiClient otherOperator;
    final long managerId;
    final long operatorId;
    final long otherOperatorId;
    final long teamId;
    final List<Long> extraOperators = new ArrayList<>();

    CallCentreOrganisation(int port, int extraOperatorCount) {
        this.port = port;
        tag = "c" + (++sequence) + System.nanoTime() % 100000;
        admin = ApiClient.admin(port);
        managerId = user("mgr", "SALES_MANAGER");
        operatorId = user("op", "OPERATOR");
        otherOperatorId = user("op2", "OPERATOR");
        for (int i = 0; i < extraOperatorCount; i++) {
            extraOperators.add(user("x" + i + "op", "OPERATOR"));
        }
        manager = client("mgr");
        operator = client("op");
        otherOperator = client("op2");
        List<Long> members = new ArrayList<>(List.of(managerId, operatorId, otherOperatorId));
        members.addAll(extraOperators);
        teamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Calls " + tag, "leaderId", managerId,
                "memberIds", members)))).get("id").asLong();
    }

    ApiClient client(String prefix) {
        return ApiClient.basic(port, prefix + tag, "password-" + tag);
    }

    String username(String prefix) {
        return prefix + tag;
    }

    private long user(String prefix, String role) {
        return admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", prefix + tag, "displayName",
                prefix.toUpperCase() + " " + tag, "role", role, "password", "password-" + tag)))).get("id").asLong();
    }

    long company(String name, String phone) {
        return manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(phone == null ? Map.of("kind", "COMPANY", "name", name)
                : Map.of("kind", "COMPANY", "name", name, "phone", phone)))).get("id").asLong();
    }

    long campaign(String name) {
        return manager.ok(201, manager.post("/api/v1/call-campaigns", ApiClient.json(Map.of("name", name + " " + tag, "teamId", teamId))))
                .get("id").asLong();
    }

    /** Uploads a CSV (raw bytes, as a browser or curl sends them) and waits for the job to end. */
    JsonNode importAndWait(long campaignId, byte[] csv) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/call-campaigns/" + campaignId + "/imports"))
                .header("Content-Type", "text/csv").header("Accept", "application/json")
                .header("Authorization", ApiClient.basicAuthorization(username("mgr"), "password-" + tag))
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("import answered " + response.statusCode() + " " + response.body());
        }
        long jobId = JsonMapper.builder().build().readTree(response.body()).get("id").asLong();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode job = manager.ok(200, manager.get("/api/v1/call-imports/" + jobId));
            if (!job.get("state").asString().equals("RUNNING")) {
                return job;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("import still running: " + job);
            }
            Thread.sleep(50);
        }
    }

    List<JsonNode> report(long jobId) {
        List<JsonNode> rows = new ArrayList<>();
        manager.ok(200, manager.get("/api/v1/call-imports/" + jobId + "/rows?limit=1000")).get("items").forEach(rows::add);
        return rows;
    }
}
