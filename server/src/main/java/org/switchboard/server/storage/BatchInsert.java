package org.switchboard.server.storage;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Inserts many rows of one table at once. Imports create thousands of rows: a round trip per row is what
 * made them slow, and even multi-row INSERTs spend most of their time binding and parsing parameters. On
 * PostgreSQL the rows go through {@code COPY … FROM STDIN} (about four times faster than a rewritten JDBC
 * batch for the call-list import), inside the caller's transaction; ids, when wanted, are taken from the
 * table's identity sequence first, in one query, and written explicitly. On H2 a JDBC batch, whose
 * generated keys the driver returns in order.
 */
@Component
public class BatchInsert {
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final boolean postgres;
    private final Map<String, String> sequences = new ConcurrentHashMap<>();

    public BatchInsert(JdbcTemplate jdbc, Database database) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.postgres = database.postgres();
    }

    /**
     * Inserts rows and returns their ids in row order. {@code table} and {@code columns} (comma-separated,
     * without {@code id}) are names from our code, never input; each row holds one value per column. The
     * table's key is an identity column named {@code id}.
     */
    public List<Long> insert(String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        if (postgres) {
            List<Long> ids = jdbc.queryForList("SELECT nextval(?::regclass) FROM generate_series(1, ?)", Long.class, sequence(table),
                    rows.size());
            List<Object[]> withIds = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = new Object[rows.get(i).length + 1];
                row[0] = ids.get(i);
                System.arraycopy(rows.get(i), 0, row, 1, rows.get(i).length);
                withIds.add(row);
            }
            copy(table, "id, " + columns, withIds);
            return ids;
        }
        String placeholders = "?" + ", ?".repeat(columns.split(",").length - 1);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(con -> con.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")",
                new String[] {"id"}), setter(rows), keys);
        List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.values().iterator().next()).longValue()).toList();
        if (ids.size() != rows.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " keys for " + rows.size() + " rows");
        }
        return ids;
    }

    /**
     * The table's identity sequence, looked up once: evaluated in the id query itself, the catalog lookup
     * ran for each of the thousand rows and was most of that query's time.
     */
    private String sequence(String table) {
        return sequences.computeIfAbsent(table, t -> jdbc.queryForObject("SELECT pg_get_serial_sequence(?, 'id')", String.class, t));
    }

    /** Inserts rows whose keys the caller already has (or that have none to return); same rules for names. */
    public void insertRows(String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres) {
            copy(table, columns, rows);
            return;
        }
        String placeholders = "?" + ", ?".repeat(columns.split(",").length - 1);
        jdbc.batchUpdate("INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")", setter(rows));
    }

    private void copy(String table, String columns, List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 128);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendCopyValue(text, row[i]);
            }
            text.append('\n');
        }
        // The connection of the current transaction: the rows commit or roll back with the caller's work.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN",
                    new java.io.StringReader(text.toString()));
        } catch (SQLException e) {
            throw jdbc.getExceptionTranslator().translate("COPY " + table, null, e);
        } catch (IOException e) {
            throw new DataAccessResourceFailureException("COPY " + table + " failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One value in COPY's text format: \N for null, and the four characters that would end a field escaped. */
    static void appendCopyValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
            return;
        }
        if (value instanceof Number || value instanceof TemporalAccessor) {
            // numbers and java.time values print in forms PostgreSQL reads back (ISO 8601 for times)
            out.append(value);
            return;
        }
        // The text between two escapes is appended in one piece: char by char, with the builder's capacity check
        // each time, it was 13 % of the routing thread's JFR samples once mail's 5 KB history bodies went through COPY.
        String s = value.toString();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (escaped != null) {
                out.append(s, from, i).append(escaped);
                from = i + 1;
            }
        }
        out.append(s, from, s.length());
    }

    private static BatchPreparedStatementSetter setter(List<Object[]> rows) {
        return new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Object[] values = rows.get(i);
                for (int v = 0; v < values.length; v++) {
                    StatementCreatorUtils.setParameterValue(ps, v + 1, SqlTypeValue.TYPE_UNKNOWN, values[v]);
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        };
    }
}
