package org.switchboard.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The pipeline benchmark of issue 2: loads 1,000,000 opportunities (with 150,000 partners and two history
 * entries each) into a fresh PostgreSQL schema, then measures the first page (80 rows) of My Open
 * Opportunities, Unassigned Opportunities, a text search and a large partner's Events through the API of a
 * separately started server, as a client sees them (HTTP, JSON, token auth).
 */
final class PipelineBench {
    static final String SCHEMA = "bench_pipeline";
    private static final String[] PREFIX = {"Agri", "Alpha", "Blue", "Bright", "Cedar", "Delta", "Euro", "Falcon", "Green", "Harbor",
        "Iron", "Juniper", "Kestrel", "Lumen", "Maple", "Nordic", "Orbit", "Pioneer", "Quartz", "River", "Summit", "Terra", "Union",
        "Vertex", "Willow"};
    private static final String[] SUFFIX = {"Logistics", "Foods", "Systems", "Pharma", "Textiles", "Energy", "Builders", "Media",
        "Robotics", "Wines", "Optics", "Furniture"};
    private static final String[] WHAT = {"ERP rollout", "Annual maintenance", "Warehouse scanners", "Training days", "Cloud migration",
        "Support contract", "Website redesign", "Fleet tracking", "POS terminals", "Data platform", "Licence renewal", "Consulting"};
    private static final String[] OPEN_STATES = {"NEW", "OPEN", "OPEN", "PENDING"};
    private static final String[] CLOSED_STATES = {"WON", "LOST", "CANCELLED"};
    private static final int COMPANIES = 50_000;
    private static final int SELLERS = 20;
    private static final long FIRST_SELLER = 1001;
    private static final long BIG_PARTNER = 1;

    private final BenchTarget target;
    private final int opportunities;
    private final int requests;
    private final boolean reuse;

    PipelineBench(Options o) {
        target = BenchTarget.from(o);
        opportunities = o.integer("opportunities", 1_000_000);
        requests = o.integer("requests", 300);
        reuse = Boolean.parseBoolean(o.get("reuse", "false"));
    }

    void run() throws Exception {
        if (!reuse) {
            target.freshSchema(SCHEMA);
        }
        try (ServerProcess server = target.start(SCHEMA, "pipeline")) {
            String token;
            if (reuse) {
                // --reuse true: measure again on the data a previous run loaded (same schema, same users).
                token = post(server.port, "/api/v1/users/me/tokens", BenchTarget.basic("bench", "bench-password-123"), "{\"name\":\"bench\"}")
                        .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            } else {
                token = benchUserToken(server.port);
                try (Connection db = target.connect(SCHEMA)) {
                    load(db);
                }
            }
            measure(server.port, token);
        }
    }

    /** A salesperson made through the API (id 2, after the administrator), with an API token. */
    private static String benchUserToken(int port) throws Exception {
        String admin = BenchTarget.basic("admin", BenchTarget.ADMIN_PASSWORD);
        post(port, "/api/v1/users", admin, "{\"username\":\"bench\",\"displayName\":\"Bench Seller\",\"role\":\"SALESPERSON\","
                + "\"password\":\"bench-password-123\"}");
        String user = BenchTarget.basic("bench", "bench-password-123");
        String issued = post(port, "/api/v1/users/me/tokens", user, "{\"name\":\"bench\"}");
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(issued);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + issued);
        }
        return m.group(1);
    }

    private void load(Connection db) throws Exception {
        db.setAutoCommit(false);
        long benchUser;
        try (Statement s = db.createStatement()) {
            var rs = s.executeQuery("SELECT id FROM app_user WHERE username = 'bench'");
            rs.next();
            benchUser = rs.getLong(1);
            for (int i = 0; i < SELLERS; i++) {
                s.execute("INSERT INTO app_user (id, username, display_name, role) VALUES (" + (FIRST_SELLER + i) + ", 'seller" + i
                        + "', 'Seller " + i + "', 'SALESPERSON')");
            }
            for (int t = 1; t <= 4; t++) {
                s.execute("INSERT INTO team (id, name) VALUES (" + t + ", 'Team " + t + "')");
            }
            String[] stages = {"New", "Qualification", "Proposition", "Negotiation"};
            for (int i = 0; i < stages.length; i++) {
                s.execute("INSERT INTO stage (id, name, sequence, probability) VALUES (" + (i + 1) + ", '" + stages[i] + "', " + (i + 1) * 10
                        + ", " + (i * 20 + 10) + ")");
            }
        }
        long[] responsibles = new long[SELLERS + 1];
        responsibles[0] = benchUser;
        for (int i = 0; i < SELLERS; i++) {
            responsibles[i + 1] = FIRST_SELLER + i;
        }
        CopyRows copy = new CopyRows(db.unwrap(PGConnection.class));
        // As pg_restore does: load without the secondary indexes, then build each once (sorted, not row by row).
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            var rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                    + "AND tablename IN ('partner', 'partner_email', 'crm_case', 'history_entry') AND indexname NOT LIKE '%pkey'");
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
                indexes.add(rs.getString(2));
            }
            for (String name : names) {
                s.execute("DROP INDEX " + name);
            }
            // Foreign keys too: checked row by row during a load, validated in one pass when re-added.
            rs = s.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace");
            List<String> drops = new ArrayList<>();
            while (rs.next()) {
                drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                foreignKeys.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3));
            }
            for (String drop : drops) {
                s.execute(drop);
            }
        }

        long t0 = System.nanoTime();
        copy.rows("COPY partner (id, kind, name, categories) FROM STDIN", COMPANIES * 3, (i, row) -> {
            if (i < COMPANIES) {
                row.add(i + 1).add("COMPANY").add(companyName(i + 1)).add("");
            } else {
                int c = i - COMPANIES;
                row.add(i + 1).add("PERSON").add("Contact " + c).add("");
            }
        });
        copy.rows("COPY partner_email (partner_id, position, email, address) FROM STDIN", COMPANIES * 2, (i, row) -> {
            String email = "contact" + i + "@" + domain(i / 2 + 1);
            row.add(COMPANIES + 1 + i).add(0).add(email).add(email);
        });
        try (Statement s = db.createStatement()) {
            s.execute("UPDATE partner SET company_id = 1 + ((id - " + (COMPANIES + 1) + ") / 2) WHERE id > " + COMPANIES);
        }
        db.commit();
        long t1 = System.nanoTime();
        copy.rows("""
                COPY crm_case (id, type, name, partner_id, contact_id, partner_name, contact_name, email, email_address, team_id,
                  responsible_id, stage_id, probability, expected_revenue, priority, state, closed, search_text, opened_at)
                FROM STDIN""", opportunities, (i, row) -> {
            long id = i + 1L;
            int company = id % 50 == 0 ? (int) BIG_PARTNER : 1 + (int) ((id * 2654435761L) % COMPANIES);
            int contactIndex = (company - 1) * 2 + (int) (id % 2);
            String email = "contact" + contactIndex + "@" + domain(company);
            boolean closed = id % 10 >= 1 && id % 10 <= 3;
            String state = closed ? CLOSED_STATES[(int) (id % 3)] : OPEN_STATES[(int) (id % 4)];
            String name = WHAT[(int) (id % WHAT.length)] + " " + id;
            String partnerName = companyName(company);
            row.add(id).add(id % 10 == 0 ? "LEAD" : "OPPORTUNITY").add(name).add(company).add(COMPANIES + 1 + contactIndex).add(partnerName)
                    .add("Contact " + contactIndex).add(email).add(email).add(1 + id % 4)
                    .add(id % 7 == 0 ? null : responsibles[(int) ((id * 13 + id / 7) % responsibles.length)]).add(1 + id % 4).add((id % 4) * 20 + 10)
                    .add((id % 200) * 500).add(id % 4).add(state).add(closed ? "t" : "f")
                    .add(searchText(name, partnerName, "Contact " + contactIndex, email)).add("2026-01-01 00:00:00+00");
        });
        db.commit();
        long t2 = System.nanoTime();
        copy.rows("COPY history_entry (case_id, partner_id, contact_id, author_id, kind, summary) FROM STDIN", opportunities * 2,
                (i, row) -> {
                    long caseId = i / 2 + 1L;
                    int company = caseId % 50 == 0 ? (int) BIG_PARTNER : 1 + (int) ((caseId * 2654435761L) % COMPANIES);
                    int contactIndex = (company - 1) * 2 + (int) (caseId % 2);
                    boolean created = i % 2 == 0;
                    row.add(caseId).add(company).add(COMPANIES + 1 + contactIndex).add(FIRST_SELLER + caseId % SELLERS)
                            .add(created ? "CREATED" : "STAGE").add(created ? "Opportunity created" : "Stage: New → Qualification");
                });
        db.commit();
        long t3 = System.nanoTime();
        // One index build per core, each on its own connection; then the foreign keys, one after another
        // (each locks both of its tables).
        ExecutorService builders = Executors.newFixedThreadPool(2);
        List<Future<?>> builds = new ArrayList<>();
        for (String index : indexes) {
            builds.add(builders.submit(() -> {
                try (Connection c = target.connect(SCHEMA); Statement s = c.createStatement()) {
                    s.execute("SET maintenance_work_mem = '512MB'");
                    s.execute(index);
                }
                return null;
            }));
        }
        for (Future<?> build : builds) {
            build.get();
        }
        builders.shutdown();
        try (Statement s = db.createStatement()) {
            for (String foreignKey : foreignKeys) {
                s.execute(foreignKey);
            }
        }
        db.commit();
        long t3i = System.nanoTime();
        try (Statement s = db.createStatement()) {
            for (String table : List.of("app_user", "team", "stage", "partner", "crm_case", "history_entry")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
            }
            db.commit();
            db.setAutoCommit(true);
            s.execute("VACUUM ANALYZE");
        }
        long t4 = System.nanoTime();
        double cases = (t2 - t1) / 1e9;
        double all = (t3i - t0) / 1e9;
        System.out.printf("%nLoad into PostgreSQL (COPY, then indexes and foreign keys):%n");
        System.out.printf("  partners (150,000) and emails: %.1f s%n", (t1 - t0) / 1e9);
        System.out.printf("  opportunities (%,d):          %.1f s = %,.0f opportunities/s%n", opportunities, cases, opportunities / cases);
        System.out.printf("  history (%,d entries):      %.1f s%n", opportunities * 2, (t3 - t2) / 1e9);
        System.out.printf("  %d indexes, %d foreign keys:  %.1f s%n", indexes.size(), foreignKeys.size(), (t3i - t3) / 1e9);
        System.out.printf("  everything, indexes included: %.1f s = %,.0f opportunities/s with their partners and history%n", all,
                opportunities / all);
        System.out.printf("  VACUUM ANALYZE:               %.1f s%n", (t4 - t3i) / 1e9);
    }

    private void measure(int port, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String search = URLEncoder.encode("kestrel robotics", StandardCharsets.UTF_8);
        List<String[]> cases = List.of(
                new String[] {"My Open Opportunities", "/api/v1/opportunities?view=mine"},
                new String[] {"Unassigned Opportunities", "/api/v1/opportunities?view=unassigned"},
                new String[] {"Text search \"kestrel robotics\"", "/api/v1/opportunities?q=" + search},
                new String[] {"Events of a partner with 20,000 cases", "/api/v1/partners/" + BIG_PARTNER + "/events"});
        System.out.printf("%nFirst page (80 rows) through the API, %d sequential requests after 30 warm-up, token auth:%n%n", requests);
        System.out.println("| list | rows | p50 | p95 | p99 | max |");
        System.out.println("|---|---|---|---|---|---|");
        for (String[] c : cases) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c[1]))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
            int rows = 0;
            for (int i = 0; i < 30; i++) {
                rows = countItems(check(http.send(request, HttpResponse.BodyHandlers.ofString())));
            }
            double[] ms = new double[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                check(http.send(request, HttpResponse.BodyHandlers.ofString()));
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", c[0], rows, pct(ms, 50), pct(ms, 95), pct(ms, 99),
                    ms[ms.length - 1]);
        }
    }


    private static String check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static int countItems(String body) {
        Matcher m = Pattern.compile("\\{\"id\":").matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** As the server's TextSearch.document builds it: name, partner, contact, email, and the email split at '@' and dots. */
    private static String searchText(String name, String partner, String contact, String email) {
        return (name + " " + partner + " " + contact + " " + email + " " + email.replace('@', ' ') + " " + email.replaceAll("[@.]", " "))
                .toLowerCase(Locale.ROOT);
    }

    private static String companyName(int id) {
        return PREFIX[id % PREFIX.length] + " " + SUFFIX[(id / PREFIX.length) % SUFFIX.length] + " " + id;
    }

    private static String domain(int company) {
        return "company" + company + ".example";
    }

    private static String post(int port, String path, String authorization, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Streams generated rows into a COPY in text format, 1 MB at a time. */
    private record CopyRows(PGConnection pg) {
        interface Generator {
            void row(int index, Row row);
        }

        void rows(String sql, int count, Generator generator) throws Exception {
            CopyIn in = pg.getCopyAPI().copyIn(sql);
            StringBuilder buffer = new StringBuilder(1 << 20);
            Row row = new Row(buffer);
            for (int i = 0; i < count; i++) {
                row.start();
                generator.row(i, row);
                buffer.append('\n');
                if (buffer.length() > (1 << 20)) {
                    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    buffer.setLength(0);
                }
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        }
    }

    /** One COPY text row; the generated values contain no tab, newline or backslash. */
    private static final class Row {
        private final StringBuilder buffer;
        private boolean first;

        Row(StringBuilder buffer) {
            this.buffer = buffer;
        }

        void start() {
            first = true;
        }

        Row add(Object value) {
            if (!first) {
                buffer.append('\t');
            }
            first = false;
            buffer.append(value == null ? "\\N" : value.toString());
            return this;
        }
    }
}
