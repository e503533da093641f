package org.switchboard.server.dav;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.switchboard.server.testing.ApiClient;

/** Users for the DAV tests, made by the administrator through the users API as an operator would. */
public final class DavTestUsers {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private DavTestUsers() {
    }

    public static String create(int port, String username, String displayName, String color) {
        ApiClient admin = ApiClient.admin(port);
        admin.ok(201, admin.post("/api/v1/users", ApiClient.json(Map.of("username", username, "displayName", displayName,
                "email", username + "@example.com", "role", "SALESPERSON", "color", color, "password", password(username)))));
        return username;
    }

    /** A new user named after {@code prefix}, unique across the test classes sharing a database; returns her name. */
    public static String unique(int port, String prefix) {
        int n = SEQUENCE.incrementAndGet();
        return create(port, prefix + n + System.nanoTime() % 100000, prefix.toUpperCase() + " " + n, "#3465a4");
    }

    public static String password(String username) {
        return "pw-" + username + "-secret";
    }
}
