package org.switchboard.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * Which database the server runs on, for the few places where SQL must differ (ADR 0001): PostgreSQL in
 * production, the embedded H2 by default. Asked once at start.
 */
@Component
public class Database {
    private final boolean postgres;

    public Database(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    public boolean postgres() {
        return postgres;
    }
}
