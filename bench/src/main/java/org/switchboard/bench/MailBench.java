package org.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail ingestion benchmark of issue 3: the server jar on a fresh PostgreSQL schema with the gateway on;
 * N concurrent SMTP sessions send M messages of a given size (distinct senders, so the per-sender rate
 * limit does not drop them) to an alias whose messages become leads. Reports durable msg/s (250 received),
 * cases routed/s (routing decisions in the database), p50/p99 from end of DATA to the 250, peak heap.
 */
final class MailBench {
    static final String SCHEMA = "bench_mail";
    private final BenchTarget target;
    /** Its own schema per run when two people measure on one PostgreSQL at once (the default drops bench_mail). */
    private final String schema;
    private final int sessions;
    private final int messages;
    private final int warmUp;
    private final int size;
    private final boolean noDelay;

    MailBench(Options o) {
        target = BenchTarget.from(o);
        schema = o.get("schema", SCHEMA);
        if (!schema.matches("bench_[a-z0-9_]+")) {
            throw new IllegalArgumentException("--schema must look like bench_something (it is dropped and recreated)");
        }
        sessions = o.integer("sessions", 8);
        messages = o.integer("messages", 20_000);
        // Sent and routed before the clock starts: a server just started spends the first seconds compiling
        // (JFR: the C2 compiler thread was the busiest thread of a cold 14-second run), as the other benches
        // warm up before they time. 4,000 was too few: the per-message methods had not reached C2's
        // thresholds, and 28-50 compilations of over 100 ms (7-13 s of compiling) still ran in the timed
        // phase, a third of the server's CPU there. After 16,000 the compiler is quiet.
        warmUp = o.integer("warm-up", 16_000);
        size = o.integer("size", 5 * 1024);
        noDelay = Boolean.parseBoolean(o.get("client-nodelay", "true"));
    }

    void run() throws Exception {
        target.freshSchema(schema);
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        System.out.printf("SMTP on port %d%n", smtpPort);
        List<String> arguments = new ArrayList<>(List.of("--switchboard.mail.enabled=true",
                "--switchboard.mail.hostname=crm.bench", "--switchboard.mail.smtp.host=127.0.0.1", "--switchboard.mail.smtp.port=" + smtpPort,
                "--switchboard.mail.reply-token-secret=bench-secret-bench-secret-bench-secret-0", "--switchboard.mail.route-every=50ms"));
        try (ServerProcess server = target.start(schema, "mail", arguments.toArray(String[]::new));
                Connection db = target.connect(schema)) {
            String team = post(server.port, "/api/v1/teams", "{\"name\":\"Inbound\"}");
            long teamId = Long.parseLong(field(team, "id"));
            post(server.port, "/api/v1/mail/aliases", "{\"address\":\"sales@crm.bench\",\"teamId\":" + teamId + "}");

            String body = "x".repeat(76) + "\r\n";
            String filler = body.repeat(Math.max(1, size / body.length()));
            if (warmUp > 0) {
                AtomicInteger warmAccepted = new AtomicInteger();
                send(smtpPort, "warm", new long[warmUp], warmAccepted, filler);
                waitRouted(db, warmAccepted.get(), System.nanoTime());
                System.out.printf("warm-up: %d messages accepted and routed, not timed%n", warmAccepted.get());
            }
            long routedBefore = routedCount(db);
            long[] latencies = new long[messages];
            AtomicInteger accepted = new AtomicInteger();
            long start = System.nanoTime();
            send(smtpPort, "bench", latencies, accepted, filler);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long routed = waitRouted(db, routedBefore + accepted.get(), start) - routedBefore;
            double routeSeconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
            System.out.printf("accepted %d of %d messages (%d bytes) over %d sessions in %.1f s: %.0f msg/s durable%n", accepted.get(), messages,
                    size, sessions, sendSeconds, accepted.get() / sendSeconds);
            System.out.printf("routed %d in %.1f s from the first message: %.0f cases/s%n", routed, routeSeconds, routed / routeSeconds);
            System.out.printf("end of DATA -> 250: p50 %.1f ms, p99 %.1f ms; peak heap %d MB%n", percentile(sorted, 50) / 1e6,
                    percentile(sorted, 99) / 1e6, server.peakHeapBytes() / (1024 * 1024));
        }
    }

    /** Sends {@code latencies.length} messages over the sessions, each latency into its slot. */
    private void send(int smtpPort, String prefix, long[] latencies, AtomicInteger accepted, String filler) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < sessions; t++) {
            Thread thread = new Thread(() -> sendAll(smtpPort, noDelay, prefix, next, accepted, latencies, filler));
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static long routedCount(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM routing_decision")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until {@code total} decisions exist (30 minutes at most); returns how many there are. */
    private static long waitRouted(Connection db, long total, long since) throws SQLException, InterruptedException {
        long routed = routedCount(db);
        while (routed < total && (System.nanoTime() - since) / 1e9 < 1800) {
            Thread.sleep(100);
            routed = routedCount(db);
        }
        return routed;
    }

    private static void sendAll(int port, boolean noDelay, String prefix, AtomicInteger next, AtomicInteger accepted, long[] latencies,
            String filler) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // The message and its final ".CRLF" are two writes (the clock starts between them). With Nagle on,
            // the kernel holds the small second write until the first is acknowledged, and the server's
            // delayed ACK (40 ms on Linux) makes that a fixed ~40 ms stall per message: a client artefact,
            // not server time. MTAs flush the end of data as one write; TCP_NODELAY gives the same here.
            socket.setTcpNoDelay(noDelay);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(in);
            command(out, in, "EHLO bench.client");
            for (int i = next.getAndIncrement(); i < latencies.length; i = next.getAndIncrement()) {
                String from = "customer-" + prefix + i + "@client.bench";
                command(out, in, "MAIL FROM:<" + from + ">");
                command(out, in, "RCPT TO:<sales@crm.bench>");
                command(out, in, "DATA");
                String message = "From: " + from + "\r\nTo: sales@crm.bench\r\nSubject: Request " + i + "\r\nMessage-ID: <" + prefix + "-" + i
                        + "@client.bench>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n" + filler;
                out.write(message.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long t0 = System.nanoTime();
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String r = reply(in);
                latencies[i] = System.nanoTime() - t0;
                if (r.startsWith("250")) {
                    accepted.incrementAndGet();
                }
            }
            command(out, in, "QUIT");
        } catch (IOException e) {
            System.err.println("session failed: " + e.getMessage());
        }
    }

    private static String command(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(in);
    }

    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static double percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Sums the heap pools of Micrometer's jvm_memory_used_bytes every 200 ms. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String auth() {
        return BenchTarget.basic("admin", BenchTarget.ADMIN_PASSWORD);
    }

    private static String post(int port, String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", auth())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", auth()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
