package org.switchboard.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The databases the persistence tests run on: H2 always, PostgreSQL when SWITCHBOARD_TEST_PG_URL names
 * one (CI sets it and so requires it). Each test class gets a database of its own (a fresh H2 in memory,
 * or a fresh PostgreSQL schema) so classes never see each other's rows.
 */
public final class TestDatabases {
    public static final String PG_URL_VARIABLE = "SWITCHBOARD_TEST_PG_URL";

    private TestDatabases() {
    }

    public static void h2(DynamicPropertyRegistry registry) {
        String name = "sb" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        common(registry);
    }

    /** A new schema in the configured PostgreSQL; fails loudly when the server cannot be reached. */
    public static void postgres(DynamicPropertyRegistry registry) {
        String base = System.getenv(PG_URL_VARIABLE);
        String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String user = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");
        try (Connection c = DriverManager.getConnection(base, user, "")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + base + " is configured for the tests but cannot be reached: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(base, user, schema)));
        registry.add("spring.datasource.url", () -> base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public");
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> "");
        common(registry);
    }

    /** Best effort: leaves the shared test database as it was found. */
    private static void dropSchema(String base, String user, String schema) {
        try (Connection c = DriverManager.getConnection(base, user, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }

    private static void common(DynamicPropertyRegistry registry) {
        registry.add("switchboard.admin.password", () -> ApiClient.ADMIN_PASSWORD);
        // Spring keeps every test class's context (and its pool) alive for the whole run: with Hikari's
        // default of ten idle connections each, thirty PostgreSQL test classes exceed the server's
        // max_connections (100). Small pools that let idle connections go keep the run within it.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "6");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        // The address book's background catch-up reads the database every second by default, which would keep
        // one connection of every cached context from ever idling out. Tests that need it shorten it again.
        registry.add("switchboard.contacts.catch-up-interval", () -> "PT30S");
    }
}
