package org.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.SmtpClient;
import org.switchboard.server.testing.TestDatabases;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3's zero-loss test: the server runs as its own process; several SMTP sessions send mail; the
 * process is killed with SIGKILL mid-stream and started again on the same database. Every message that
 * got a 250 must be stored exactly once and routed (here: a new lead). On PostgreSQL when
 * SWITCHBOARD_TEST_PG_URL is set, else on an H2 file database.
 */
class ZeroLossTest {
    private static final int SESSIONS = 4;
    private static final int KILL_AFTER = 120;

    @TempDir
    Path dir;

    @Test
    void everyAcceptedMessageSurvivesAKillAndIsRoutedOnce() throws Exception {
        Database db = database();
        ServerProcess server = new ServerProcess(db.args(), dir.resolve("server.log"));
        server.start();
        ApiClient admin = ApiClient.admin(server.httpPort);
        long teamId = admin.ok(201, admin.post("/api/v1/teams", ApiClient.json(Map.of("name", "Zero loss")))).get("id").asLong();
        admin.ok(201, admin.post("/api/v1/mail/aliases", ApiClient.json(Map.of("address", "sales@crm.test", "teamId", teamId))));

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            Thread t = new Thread(() -> send(server.smtpPort, session, accepted, refused, Integer.MAX_VALUE));
            senders.add(t);
            t.start();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (accepted.size() < KILL_AFTER && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        server.kill();
        for (Thread t : senders) {
            t.join(30_000);
        }
        int beforeKill = accepted.size();
        assertThat(beforeKill).as("messages accepted before the kill").isGreaterThanOrEqualTo(KILL_AFTER);

        server.start();
        send(server.smtpPort, 99, accepted, refused, 20);
        ApiClient again = ApiClient.admin(server.httpPort);
        Instant end = Instant.now().plus(Duration.ofSeconds(180));
        Set<String> routed = Set.of();
        while (Instant.now().isBefore(end)) {
            routed = routedMessageIds(again);
            if (routed.containsAll(accepted)) {
                break;
            }
            Thread.sleep(500);
        }
        server.stop();

        assertThat(routed).as("routed after the restart").containsAll(accepted);
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            Map<String, Integer> copies = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT message_id, COUNT(*) FROM inbound_message GROUP BY message_id")) {
                while (rs.next()) {
                    copies.put(rs.getString(1), rs.getInt(2));
                }
            }
            for (String id : accepted) {
                assertThat(copies.get(id)).as("copies of " + id).isEqualTo(1);
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT COUNT(*) FROM inbound_message m LEFT JOIN routing_decision d ON d.inbound_id = m.id
                    WHERE m.state <> 'ROUTED' OR d.kind IS NULL OR d.kind <> 'NEW_CASE' OR d.case_id IS NULL""")) {
                rs.next();
                assertThat(rs.getInt(1)).as("stored messages not routed to a case").isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM crm_case WHERE team_id = " + teamId)) {
                rs.next();
                assertThat(rs.getInt(1)).as("one case per stored message").isEqualTo(copies.values().stream().mapToInt(Integer::intValue).sum());
            }
        }
        System.out.printf("zero loss: %d accepted before SIGKILL, %d after restart, %d refused or cut off, all stored once and routed (%s)%n",
                beforeKill, accepted.size() - beforeKill, refused.get(), db.name());
    }

    /** One SMTP session sending distinct messages until the server goes away or {@code max} were sent. */
    private static void send(int port, int session, Set<String> accepted, AtomicInteger refused, int max) {
        try (SmtpClient client = new SmtpClient("127.0.0.1", port)) {
            for (int i = 0; i < max; i++) {
                String id = "zl-" + session + "-" + i + "-" + UUID.randomUUID() + "@client.test";
                String from = "customer" + session + "x" + i + "@client.test"; // distinct senders: the rate limit is per sender
                String reply = client.send(from, "sales@crm.test", MailGatewayContract.message(from, "sales@crm.test", id, "Order " + i, null,
                        "Please send " + i + " chairs.\r\n" + "x".repeat(2000)));
                if (reply.startsWith("250")) {
                    accepted.add(id);
                } else {
                    refused.incrementAndGet();
                }
            }
        } catch (Exception e) {
            refused.incrementAndGet(); // the kill cut the session: that message got no 250
        }
    }

    private static Set<String> routedMessageIds(ApiClient admin) {
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode d : admin.ok(200, admin.get("/api/v1/mail/decisions?limit=1000"))) {
            ids.add(d.path("messageId").asString(""));
        }
        return ids;
    }

    private record Database(String name, String url, String user, List<String> args) {
        Connection connect() throws Exception {
            return DriverManager.getConnection(url, user, "");
        }
    }

    private Database database() throws Exception {
        String pg = System.getenv(TestDatabases.PG_URL_VARIABLE);
        if (pg != null && !pg.isBlank()) {
            String user = System.getenv().getOrDefault("SWITCHBOARD_TEST_PG_USER", "postgres");
            String schema = "sb_zeroloss_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(pg, user, "")) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Connection c = DriverManager.getConnection(pg, user, "")) {
                    c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (Exception ignored) {
                    // best effort
                }
            }));
            String url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
            return new Database("PostgreSQL", url, user, List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password="));
        }
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("switchboard") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        return new Database("H2 file", url, "sa", List.of("--spring.datasource.url=" + url, "--spring.datasource.username=sa",
                "--spring.datasource.password="));
    }
}
