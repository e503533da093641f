package org.switchboard.server.calendar;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.switchboard.server.dav.DavHttp;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * People and customers for the calendar tests, made through the API with names unique to each test: two
 * salespeople (Alice, Bob) in a team with a manager, a salesperson outside it (Carl), and a customer
 * company with a contact who has an email address.
 */
final class CalendarOrganisation {
    private static int sequence;
    final int port;
    final String tag;
    final ApiClient admin;
    final ApiClient manager;
    final ApiClient alice;
    final ApiClient bob;
    final ApiClient carl;
    final long managerId;
    final long aliceId;
    final long bobId;
    final long carlId;
    final long teamId;
    final long company;
    final long contact;
    final String contactEmail;

    CalendarOrganisation(int port) {
        this.port = port;
        tag = "k" + (++sequence) + System.nanoTime() % 100000;
        admin = ApiClient.admin(port);
        managerId = user("mgr", "SALES_MANAGER");
        aliceId = user("alice", "SALESPERSON");
        bobId = user("bob", "SALESPERSON");
        carlId = user("carl", "SALESPERSON");
        manager = client("mgr");
        alice = client("alice");
        bob = client("bob");
        carl = client("carl");
        teamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Field " + tag, "leaderId", managerId,
                "memberIds", List.of(aliceId, bobId))))).get("id").asLong();
        company = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Globex " + tag))))
                .get("id").asLong();
        contactEmail = "hank." + tag + "@globex.example";
        contact = manager.ok(201, manager.post("/api/v1/partners", ApiClient.json(Map.of("kind", "PERSON", "name", "Hank Scorpio",
                "companyId", company, "emails", List.of(contactEmail))))).get("id").asLong();
    }

    /** The colour the server gave a user (each gets one of her own). */
    String color(long userId) {
        return admin.ok(200, admin.get("/api/v1/users/" + userId)).get("color").asString();
    }

    String username(String prefix) {
        return prefix + tag;
    }

    String email(String prefix) {
        return prefix + tag + "@example.com";
    }

    ApiClient client(String prefix) {
        return ApiClient.basic(port, username(prefix), password(prefix));
    }

    DavHttp dav(String prefix) {
        return DavHttp.basic(port, username(prefix), password(prefix));
    }

    private String password(String prefix) {
        return "pw-" + prefix + tag + "-secret";
    }

    private long user(String prefix, String role) {
        return admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", username(prefix), "displayName",
                Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + " " + tag, "email", email(prefix), "role", role,
                "password", password(prefix))))).get("id").asLong();
    }

    /** An open opportunity of Globex, Alice responsible, with the extra fields given. */
    JsonNode opportunity(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "OPPORTUNITY", "name", name + " " + tag, "partnerId", company,
                "contactId", contact, "teamId", teamId, "responsibleId", aliceId));
        body.putAll(extra);
        return manager.ok(201, manager.post("/api/v1/opportunities", ApiClient.json(body)));
    }
}
