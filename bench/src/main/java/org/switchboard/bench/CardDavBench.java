package org.switchboard.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CardDAV benchmark of issue 5 (targets.md: 50,000 contacts, initial sync ≤ 3 s): partners (one
 * company per ten people) loaded straight into a fresh PostgreSQL schema with their {@code partner_change}
 * rows, as the repository would have written them; the server's background catch-up renders the book from
 * them (timed once, with a request made meanwhile), then over HTTP with Basic credentials: an initial sync-collection with address-data, a
 * sync-collection after one CRM edit (the API PATCH is not timed; the sync, which renders the changed card,
 * is), and an addressbook-multiget of 100 cards.
 */
final class CardDavBench {
    static final String SCHEMA = "bench_carddav";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password-123";
    private static final String CARDDAV = "xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:carddav\"";

    private final BenchTarget target;
    private final int contacts;
    private final int requests;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String authorization = BenchTarget.basic(USER, PASSWORD);
    private final String admin = BenchTarget.basic("admin", BenchTarget.ADMIN_PASSWORD);
    private int port;

    CardDavBench(Options o) {
        target = BenchTarget.from(o);
        contacts = o.integer("contacts", 50000);
        requests = o.integer("requests", 50);
    }

    void run() throws Exception {
        target.freshSchema(SCHEMA);
        try (ServerProcess server = target.start(SCHEMA, "carddav")) {
            port = server.port;
            send("POST", "/api/v1/users", admin, "application/json", "{\"username\":\"" + USER + "\",\"displayName\":\"Bench Seller\","
                    + "\"role\":\"SALESPERSON\",\"password\":\"" + PASSWORD + "\"}", 201);
            long firstId;
            String book = "/dav/" + USER + "/crm-contacts/";
            try (Connection db = target.connect(SCHEMA)) {
                firstId = load(db);
                // The background catch-up (ADR 0014) renders the cards; a request meanwhile does not wait for it.
                long t0 = System.nanoTime();
                send("PROPFIND", book, authorization, "0", "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getctag/></D:prop></D:propfind>", 207);
                System.out.printf("First request after the load, while the queue is rendered: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
                while (queued(db) > 0) {
                    Thread.sleep(200);
                }
                System.out.printf("Background catch-up of %,d cards done %.1f s after the load%n", contacts, (System.nanoTime() - t0) / 1e9);
            }
            measure(book, firstId);
        }
    }

    private static long queued(Connection db) throws Exception {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM partner_change")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Partners, their emails and their partner_change rows; returns the first partner id. */
    private long load(Connection db) throws Exception {
        long t0 = System.nanoTime();
        db.setAutoCommit(false);
        int companies = Math.max(1, contacts / 10);
        long companyBase;
        try (PreparedStatement p = db.prepareStatement("INSERT INTO partner (kind, name, company_id, job_title, phone, mobile, street, zip, city, "
                + "country, website, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < contacts; i++) {
                boolean company = i < companies;
                p.setString(1, company ? "COMPANY" : "PERSON");
                p.setString(2, company ? "Company " + i + " SA" : "Person " + i + " Benchmark");
                if (company) {
                    p.setNull(3, java.sql.Types.BIGINT);
                } else {
                    p.setLong(3, 1 + (i % companies)); // fixed up below once the ids are known
                }
                p.setString(4, company ? null : "Buyer");
                p.setString(5, "+33 1 00 00 " + String.format("%02d %02d", i / 100 % 100, i % 100));
                p.setString(6, company ? null : "+33 6 00 00 " + String.format("%02d %02d", i / 100 % 100, i % 100));
                p.setString(7, i + " rue de la Paix");
                p.setString(8, String.format("%05d", i % 100000));
                p.setString(9, "Lyon");
                p.setString(10, "France");
                p.setString(11, company ? "https://company" + i + ".example" : null);
                p.setString(12, i % 3 == 0 ? ",customer,vip," : ",prospect,");
                p.setString(13, i % 5 == 0 ? "Met at the fair in " + (2000 + i % 25) : null);
                p.addBatch();
                if (i % 1000 == 999 || i == companies - 1) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        try (Statement s = db.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT min(id) FROM partner");
            rs.next();
            companyBase = rs.getLong(1);
            // people belong to companies by position; the ids were assigned in insertion order
            s.executeUpdate("UPDATE partner SET company_id = company_id - 1 + " + companyBase + " WHERE kind = 'PERSON'");
            s.executeUpdate("INSERT INTO partner_email (partner_id, position, email, address) SELECT id, 0, 'p' || id || '@bench.example', "
                    + "'p' || id || '@bench.example' FROM partner");
            s.executeUpdate("INSERT INTO partner_change (partner_id) SELECT id FROM partner ORDER BY id");
        }
        db.commit();
        db.setAutoCommit(true);
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE partner");
            s.execute("VACUUM ANALYZE partner_email");
        }
        System.out.printf("%nLoaded %,d partners (%,d companies) in %.1f s%n", contacts, companies, (System.nanoTime() - t0) / 1e9);
        return companyBase;
    }

    private void measure(String book, long firstId) throws Exception {
        StringBuilder hrefs = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            hrefs.append("<D:href>").append(book).append("switchboard-partner-").append(firstId + (long) i * (contacts / 100) - 1).append(".vcf</D:href>");
        }
        String addressData = "<D:prop><D:getetag/><C:address-data/></D:prop>";
        System.out.printf("%n%,d cards, sequential requests after warm-up, Basic auth:%n%n", contacts);
        System.out.println("| request | runs | p50 | p95 | max |");
        System.out.println("|---|---|---|---|---|");
        int[] size = {0};
        time("initial sync-collection with address-data", 3, Math.max(5, requests / 10), () -> {
            String answer = send("REPORT", book, authorization, "1", sync("", addressData), 207);
            size[0] = answer.length();
            return answer;
        });
        System.out.printf("(answer: %,d bytes)%n", size[0]);
        String[] token = {syncToken(send("REPORT", book, authorization, "1", sync("", "<D:prop><D:getetag/></D:prop>"), 207))};
        int[] edits = {0};
        time("sync-collection with address-data after one CRM edit", 10, requests, () -> {
            long id = firstId + (edits[0]++ * 7919L % contacts);
            String partner = send("GET", "/api/v1/partners/" + id, admin, null, null, 200);
            Matcher v = Pattern.compile("\"version\":(\\d+)").matcher(partner);
            v.find();
            send("PATCH", "/api/v1/partners/" + id, admin, "application/merge-patch+json",
                    "{\"notes\":\"edit " + edits[0] + "\",\"version\":" + v.group(1) + "}", 200);
            long start = System.nanoTime();
            String answer = send("REPORT", book, authorization, "1", sync(token[0], addressData), 207);
            long elapsed = System.nanoTime() - start;
            if (!answer.contains("switchboard-partner-" + id + ".vcf")) {
                throw new IllegalStateException("the edited card is not in the sync answer: " + answer);
            }
            token[0] = syncToken(answer);
            return elapsed;
        });
        time("addressbook-multiget of 100 with address-data", 10, requests, () -> send("REPORT", book, authorization, "1",
                "<?xml version=\"1.0\"?><C:addressbook-multiget " + CARDDAV + ">" + addressData + hrefs + "</C:addressbook-multiget>", 207));
    }

    private interface Request {
        /** Returns the response body, or (for a request that times itself) a Long of nanoseconds. */
        Object run() throws Exception;
    }

    private void time(String label, int warmUp, int runs, Request request) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            request.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Object r = request.run();
            ms[i] = (r instanceof Long own ? own : System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", label, runs, pct(ms, 50), pct(ms, 95), ms[ms.length - 1]);
    }

    private static String sync(String token, String prop) {
        return "<?xml version=\"1.0\"?><D:sync-collection " + CARDDAV + "><D:sync-token>" + token
                + "</D:sync-token><D:sync-level>1</D:sync-level>" + prop + "</D:sync-collection>";
    }

    private static String syncToken(String multistatus) {
        return DavRequests.syncToken(multistatus);
    }

    private String send(String method, String path, String auth, String depthOrType, String body, int expected) throws Exception {
        return DavRequests.send(http, port, method, path, auth, depthOrType, body, expected);
    }

    private static double pct(double[] sorted, int p) {
        return DavRequests.pct(sorted, p);
    }
}
