package org.switchboard.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The CalDAV benchmark of issue 4: two calendars of 10,000 and 100,000 events (5% weekly recurring
 * without end, the rest one-hour meetings spread over two years) loaded straight into a fresh PostgreSQL
 * schema, then the requests of targets.md measured over HTTP against a separately started server, with
 * Basic credentials as CalDAV clients send them: PROPFIND Depth 1 getetag, calendar-query for one week,
 * calendar-multiget of 100, sync-collection after one change, calendar-query with expand over a month (the same
 * month each time, as a client refreshing its view, and a different month each time) and free-busy-query over a month.
 * When Radicale is available ({@link RadicaleProcess}) the same events are written into its storage and the same
 * requests run against it ({@link DavEndpoint}), printed as a second table.
 *
 * <p>{@code --schema} names the PostgreSQL schema (default {@value #SCHEMA}), so two runs can go side by side;
 * {@code --only expand} runs only the request lines whose label contains that text (the loading is the same);
 * {@code --cpu true} prints after each Switchboard line the server's CPU time per request (warm-up included), a
 * figure less at the mercy of other work on a shared machine than the elapsed times.
 */
final class DavBench {
    static final String SCHEMA = "bench_dav";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password-123";
    private static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");
    private static final DateTimeFormatter ICAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final BenchTarget target;
    private final int[] sizes;
    private final int requests;
    private final String radicaleExecutable;
    private final Duration radicaleTimeout;
    private final int radicaleRequests;
    private final String authorization = BenchTarget.basic(USER, PASSWORD);
    private final String schema;
    private final String only;
    private final boolean cpu;
    /** The Switchboard server while it runs, for {@code --cpu}. */
    private ServerProcess server;

    DavBench(Options o) {
        target = BenchTarget.from(o);
        sizes = Arrays.stream(o.get("events", "10000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
        requests = o.integer("requests", 100);
        radicaleExecutable = RadicaleProcess.executable(o);
        radicaleTimeout = Duration.ofSeconds(o.integer("radicale-timeout", 120));
        radicaleRequests = o.integer("radicale-requests", 5);
        schema = o.get("schema", SCHEMA);
        only = o.get("only", "");
        cpu = Boolean.parseBoolean(o.get("cpu", "false"));
    }

    void run() throws Exception {
        target.freshSchema(schema);
        // the server indexes rows it did not write itself (as after an upgrade) in the background: look often
        try (ServerProcess server = target.start(schema, SCHEMA.equals(schema) ? "dav" : schema, "--switchboard.dav.occurrence-index.interval=PT1S");
                RadicaleProcess radicale = radicaleExecutable == null ? null
                        : RadicaleProcess.start(radicaleExecutable, new File("target/bench-dav-radicale.log"))) {
            this.server = server;
            DavEndpoint switchboard = DavEndpoint.switchboard(server.port, USER, authorization);
            String admin = BenchTarget.basic("admin", BenchTarget.ADMIN_PASSWORD);
            switchboard.send(admin, "POST", "/api/v1/users", "application/json", "{\"username\":\"" + USER + "\",\"displayName\":\"Bench Seller\","
                    + "\"role\":\"SALESPERSON\",\"password\":\"" + PASSWORD + "\"}", 201);
            DavEndpoint other = radicale == null ? null : DavEndpoint.radicale(radicale, USER, authorization, radicaleTimeout, radicaleRequests);
            try (Connection db = target.connect(schema)) {
                for (int n : sizes) {
                    String calendar = switchboard.home + "events" + n + "/";
                    switchboard.send("MKCALENDAR", calendar, null, null, 201);
                    load(db, "events" + n, n);
                    measure(switchboard, calendar, n);
                    if (other == null) {
                        System.out.println("\nRadicale not run (no radicale on the PATH, or --radicale none)");
                        continue;
                    }
                    writeRadicale(radicale, "events" + n, n);
                    String same = other.home + "events" + n + "/";
                    // Radicale builds its item cache (.Radicale.cache) on the first look at the collection
                    long t0 = System.nanoTime();
                    String first;
                    try {
                        String listing = other.sendWithin(radicaleTimeout.multipliedBy(5), "PROPFIND", same, "1", PROPFIND_ETAG, 207);
                        first = String.format("%.1f s (%,d events listed)", (System.nanoTime() - t0) / 1e9, listing.split("\\.ics</", -1).length - 1);
                    } catch (Exception e) {
                        first = DavEndpoint.timedOut(e) ? "timeout (" + radicaleTimeout.multipliedBy(5).toSeconds() + " s)" : "failed: " + e.getMessage();
                    }
                    System.out.printf("%s: first request (PROPFIND Depth 1, builds its item cache): %s%n", other.name, first);
                    measure(other, same, n);
                }
            }
        }
    }

    /** The same events as {@link #load}, one file per event named like its href, in Radicale's storage. */
    private static void writeRadicale(RadicaleProcess radicale, String name, int count) throws Exception {
        long t0 = System.nanoTime();
        Path dir = radicale.collection(USER, name, "VCALENDAR");
        for (int i = 0; i < count; i++) {
            String uid = "bench-" + i + "@switchboard.example";
            Files.write(dir.resolve(uid + ".ics"), event(uid, start(i), i % 20 == 0, i).getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf("%nWrote the same %,d events into Radicale's storage in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }

    /** Weekly events start in the first year and never end; meetings fill two years, working hours. */
    private static Instant start(int i) {
        boolean weekly = i % 20 == 0;
        return EPOCH.plusSeconds(weekly ? (i % 52) * 7 * 86400L + 9 * 3600 : (i * 7919L % 730) * 86400L + (8 + i % 10) * 3600L);
    }

    /** Rows as the server would have written them for PUTs of the same bytes (index columns, change log). */
    private void load(Connection db, String name, int count) throws Exception {
        long t0 = System.nanoTime();
        db.setAutoCommit(false);
        long id;
        try (PreparedStatement q = db.prepareStatement("SELECT id FROM dav_collection WHERE home = ? AND name = ?")) {
            q.setString(1, USER);
            q.setString(2, name);
            ResultSet rs = q.executeQuery();
            rs.next();
            id = rs.getLong(1);
        }
        try (PreparedStatement o = db.prepareStatement("INSERT INTO dav_object (collection_id, name, etag, byte_size, data, component_type, uid, "
                + "first_start, last_end) VALUES (?, ?, ?, ?, ?, 'VEVENT', ?, ?, ?)");
                PreparedStatement c = db.prepareStatement("INSERT INTO dav_change (collection_id, name, seq, deleted) VALUES (?, ?, ?, FALSE)")) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < count; i++) {
                boolean weekly = i % 20 == 0;
                Instant start = start(i);
                String uid = "bench-" + i + "@switchboard.example";
                byte[] data = event(uid, start, weekly, i).getBytes(StandardCharsets.UTF_8);
                o.setLong(1, id);
                o.setString(2, uid + ".ics");
                o.setString(3, "\"" + HexFormat.of().formatHex(sha.digest(data)) + "\"");
                o.setInt(4, data.length);
                o.setBytes(5, data);
                o.setString(6, uid);
                o.setTimestamp(7, Timestamp.from(start));
                o.setTimestamp(8, weekly ? null : Timestamp.from(start.plusSeconds(3600)));
                o.addBatch();
                c.setLong(1, id);
                c.setString(2, uid + ".ics");
                c.setLong(3, i + 1L);
                c.addBatch();
                if (i % 1000 == 999) {
                    o.executeBatch();
                    c.executeBatch();
                }
            }
            o.executeBatch();
            c.executeBatch();
        }
        try (PreparedStatement u = db.prepareStatement("UPDATE dav_collection SET sync_seq = ? WHERE id = ?")) {
            u.setLong(1, count);
            u.setLong(2, id);
            u.executeUpdate();
        }
        db.commit();
        db.setAutoCommit(true);
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE dav_object");
            s.execute("VACUUM ANALYZE dav_change");
        }
        System.out.printf("%nLoaded %,d events (5%% weekly) in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
        awaitOccurrenceIndex(db, id);
    }

    /**
     * Rows loaded behind the server's back have no occurrence rows (ADR 0012); the server's background
     * indexer adds them, as it does for existing data after an upgrade. Waits for it so the requests measure
     * the indexed state (servers without the index have no occ_until column: nothing to wait for).
     */
    private void awaitOccurrenceIndex(Connection db, long collection) throws Exception {
        try (ResultSet rs = db.getMetaData().getColumns(null, schema, "dav_object", "occ_until")) {
            if (!rs.next()) {
                return;
            }
        }
        long t0 = System.nanoTime();
        try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM dav_object WHERE collection_id = ? AND occ_until IS NULL")) {
            q.setLong(1, collection);
            while (true) {
                ResultSet rs = q.executeQuery();
                rs.next();
                if (rs.getLong(1) == 0) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE dav_occurrence");
            s.execute("VACUUM ANALYZE dav_object");
        }
        System.out.printf("Occurrence index built by the server in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String event(String uid, Instant start, boolean weekly, int i) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Switchboard bench//EN\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART:" + ICAL.format(start) + "\r\nDTEND:" + ICAL.format(start.plusSeconds(3600)) + "\r\n"
                + (weekly ? "RRULE:FREQ=WEEKLY\r\n" : "") + "SUMMARY:" + (weekly ? "Weekly review " : "Customer meeting ") + i + "\r\n"
                + "LOCATION:Room " + (i % 12) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private static final String PROPFIND_ETAG = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>";

    /** The request set of issue 4 against one server (Switchboard or Radicale), {@code calendar} its path there. */
    private void measure(DavEndpoint e, String calendar, int count) throws Exception {
        String week = timeRange("20260601T000000Z", "20260608T000000Z");
        String month = timeRange("20260601T000000Z", "20260701T000000Z");
        StringBuilder hrefs = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            hrefs.append("<D:href>").append(calendar).append("bench-").append(i * (count / 100) - 1).append("@switchboard.example.ics</D:href>");
        }
        System.out.printf("%n%s, %,d events, sequential requests after warm-up, Basic auth%s:%n%n", e.name, count,
                e.lenient ? ", each with a timeout" : "");
        DavEndpoint.header();
        time(e, "PROPFIND Depth 1, getetag", 10, requests, () -> e.send("PROPFIND", calendar, "1", PROPFIND_ETAG, 207));
        time(e, "calendar-query, one week, getetag", 10, requests, () -> e.send("REPORT", calendar, "1", query("<D:getetag/>", week), 207));
        time(e, "calendar-multiget of 100", 10, requests, () -> e.send("REPORT", calendar, "1",
                "<?xml version=\"1.0\"?><C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                        + "<D:prop><D:getetag/><C:calendar-data/></D:prop>" + hrefs + "</C:calendar-multiget>", 207));
        String[] token = {null};
        int[] edits = {0};
        time(e, "sync-collection after one change", 10, requests, () -> {
            if (token[0] == null) {
                token[0] = syncToken(e.send("REPORT", calendar, "1", sync(""), 207));
            }
            String uid = "bench-" + (edits[0]++ % count) + "@switchboard.example";
            e.send("PUT", calendar + uid + ".ics", null, event(uid, EPOCH.plusSeconds(edits[0] * 3600L), false, edits[0]), 204);
            long start = System.nanoTime();
            String answer = e.send("REPORT", calendar, "1", sync(token[0]), 207);
            long elapsed = System.nanoTime() - start;
            token[0] = syncToken(answer);
            return elapsed;
        });
        boolean old = e.lenient && e.name.matches("Radicale 3\\.[01]\\..*");
        String expand = "calendar-query with expand, one month" + (old ? " (not expanded: 3.1 ignores expand)" : "");
        time(e, expand, 10, requests, () -> e.send("REPORT", calendar, "1",
                query("<D:getetag/><C:calendar-data><C:expand start=\"20260601T000000Z\" end=\"20260701T000000Z\"/></C:calendar-data>", month), 207));
        // a new range each time: nothing shaped before can be reused (ADR 0019), the cost of a first look at a month
        int[] shift = {0};
        time(e, "calendar-query with expand, a month starting one day later each time" + (old ? " (not expanded)" : ""), 10, requests, () -> {
            Instant from = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(86400L * shift[0]++);
            String start = ICAL.format(from);
            String end = ICAL.format(from.plusSeconds(30 * 86400L));
            return e.send("REPORT", calendar, "1", query("<D:getetag/><C:calendar-data><C:expand start=\"" + start
                    + "\" end=\"" + end + "\"/></C:calendar-data>", timeRange(start, end)), 207);
        });
        if (old) {
            DavEndpoint.skipped("free-busy-query, one month", "Radicale 3.1 has no free-busy-query (answers a 207 list of hrefs)");
        } else {
            time(e, "free-busy-query, one month", 10, requests, () -> e.send("REPORT", calendar, "1",
                    "<?xml version=\"1.0\"?><C:free-busy-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                            + "<C:time-range start=\"20260601T000000Z\" end=\"20260701T000000Z\"/></C:free-busy-query>", 200));
        }
        if (!"calendar-query, one week, while another client writes".contains(only)) {
            return;
        }
        whileAnotherClientWrites(e, calendar, count, () -> time(e, "calendar-query, one week, while another client writes", 10, requests,
                () -> e.send("REPORT", calendar, "1", query("<D:getetag/>", week), 207)));
    }

    /** {@link DavEndpoint#time} for the lines {@code --only} selects. */
    private void time(DavEndpoint e, String label, int warmUp, int runs, DavEndpoint.Request request) throws Exception {
        if (!label.contains(only)) {
            return;
        }
        boolean measureCpu = cpu && !e.lenient;
        Duration before = measureCpu ? server.cpuTime() : null;
        e.time(label, warmUp, runs, request);
        if (measureCpu) {
            System.out.printf("(server CPU time: %.1f ms per request of the line above, warm-up included)%n",
                    server.cpuTime().minus(before).toNanos() / 1e6 / (warmUp + runs));
        }
    }

    private interface Measurement {
        void run() throws Exception;
    }

    /** A second client PUTs updates back to back (Radicale's global lock blocks readers meanwhile; we must not). */
    private void whileAnotherClientWrites(DavEndpoint e, String calendar, int count, Measurement measurement) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                while (!stop.get()) {
                    int n = writes.incrementAndGet();
                    String uid = "bench-" + (n * 37 % count) + "@switchboard.example";
                    e.send("PUT", calendar + uid + ".ics", null, event(uid, EPOCH.plusSeconds(n * 1800L), false, n), 204);
                }
            } catch (Exception x) {
                writes.decrementAndGet();
                failed.set(x);
            }
        });
        writer.start();
        long start = System.nanoTime();
        try {
            measurement.run();
        } finally {
            stop.set(true);
            writer.join();
        }
        System.out.printf("(the writer stored %d updates meanwhile, %.0f/s%s)%n", writes.get(), writes.get() / ((System.nanoTime() - start) / 1e9),
                failed.get() == null ? "" : "; it stopped: " + (DavEndpoint.timedOut(failed.get()) ? "timeout" : failed.get().getMessage()));
        if (failed.get() != null && !e.lenient) {
            throw failed.get();
        }
    }

    private static String timeRange(String start, String end) {
        return "<C:time-range start=\"" + start + "\" end=\"" + end + "\"/>";
    }

    private static String query(String prop, String range) {
        return "<?xml version=\"1.0\"?><C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop>" + prop
                + "</D:prop><C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">" + range
                + "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>";
    }

    private static String sync(String token) {
        return "<?xml version=\"1.0\"?><D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>" + token
                + "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
    }

    private static String syncToken(String multistatus) {
        return DavRequests.syncToken(multistatus);
    }

}
