package org.switchboard.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where a harness runs: a PostgreSQL server, and the Switchboard jar it starts as a process against a
 * schema of its own (options {@code --pg-url}, {@code --pg-user}, {@code --jar}; {@code --server-args "--a=1 --b=2"}
 * adds settings, to compare them on one build; {@code --server-jvm} adds JVM options to the server's command line,
 * space separated, e.g. {@code -XX:StartFlightRecording=filename=dav.jfr} to profile it).
 */
record BenchTarget(String pgUrl, String pgUser, String jar, List<String> serverArguments, List<String> jvmOptions) {
    static final String ADMIN_PASSWORD = "bench-admin-password";

    static BenchTarget from(Options o) {
        return new BenchTarget(o.get("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"), o.get("pg-user", "postgres"),
                o.get("jar", "server/target/switchboard.jar"), spaceSeparated(o.get("server-args", "")), spaceSeparated(o.get("server-jvm", "")));
    }

    private static List<String> spaceSeparated(String value) {
        return java.util.Arrays.stream(value.split("\\s+")).filter(a -> !a.isBlank()).toList();
    }

    /** Drops the schema with everything in it and creates it empty. */
    void freshSchema(String schema) throws SQLException {
        try (Connection db = DriverManager.getConnection(pgUrl, pgUser, ""); Statement s = db.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    /** The JDBC URL whose tables are those of the schema (public stays on the path for extensions). */
    String schemaUrl(String schema) {
        return pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(schemaUrl(schema), pgUser, "");
    }

    /** Starts the jar on the schema with the administrator's password set, logging to target/bench-{name}-server.log. */
    ServerProcess start(String schema, String name, String... extraArguments) throws Exception {
        File log = new File("target/bench-" + name + "-server.log");
        log.getParentFile().mkdirs();
        System.out.printf("Starting %s on schema %s (log: %s)%n", jar, schema, log);
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + schemaUrl(schema),
                "--spring.datasource.username=" + pgUser, "--spring.datasource.password=", "--switchboard.admin.password=" + ADMIN_PASSWORD));
        arguments.addAll(List.of(extraArguments));
        arguments.addAll(serverArguments);
        return ServerProcess.start(jar, jvmOptions, arguments, log);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
