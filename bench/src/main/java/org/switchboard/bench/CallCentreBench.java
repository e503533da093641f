package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The call-centre benchmark of issue 6, against a separately started server on a fresh PostgreSQL schema:
 * imports a CSV call list (100,000 rows by default) through the API, then 20 operators (API tokens) claim
 * the next call and record its outcome concurrently: claim-next latency percentiles, then a soak of a few
 * minutes with mixed outcomes and a short retry delay, counting double claims (a call handed to an operator
 * while another holds it, or an outcome refused with 409).
 *
 * <p>In the latency phase each operator talks for a while between claiming a call and recording its outcome
 * ({@code --talk-ms}, 1 s by default, varied ±50 %): 20 operators then claim about 20 calls a second, which
 * is already sixty times what 20 people on the phone do. The soak has no pause at all: it is the stress
 * test (every operator claims again the moment the outcome is stored), and its latencies, printed too,
 * measure the queue under saturation of this machine's cores, shared with the benchmark's own client.
 *
 * <p>Before the timed import, a smaller one ({@code --warm-up-rows}, 20,000 by default, 0 for none) into a
 * campaign of its own, with other companies and numbers, is timed and printed as the first import after
 * the server started: in that one the JIT compiled the import's code on the same two cores (JFR: 16
 * compilations of over 100 ms, 3.2 s, inside a 27 s import). A server imports many lists in its life; the
 * timed import is one of those.
 */
final class CallCentreBench {
    static final String SCHEMA = "bench_calls";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final BenchTarget target;
    private final int calls;
    private final int operators;
    private final int claimsPerOperator;
    private final int talkMillis;
    private static final int WARM_UP = 5;
    private final int soakSeconds;
    private final int warmUpSeconds;
    private final int warmUpRows;

    CallCentreBench(Options o) {
        target = BenchTarget.from(o);
        calls = o.integer("calls", 100_000);
        operators = o.integer("operators", 20);
        claimsPerOperator = o.integer("claims", 50);
        talkMillis = o.integer("talk-ms", 1000);
        soakSeconds = o.integer("soak-seconds", 180);
        warmUpSeconds = o.integer("warm-up-seconds", 20);
        warmUpRows = o.integer("warm-up-rows", 20_000);
    }

    void run() throws Exception {
        target.freshSchema(SCHEMA);
        // Not Held calls come back quickly so the soak keeps re-claiming them.
        try (ServerProcess server = target.start(SCHEMA, "calls", "--switchboard.calls.retry-delay=PT5S")) {
            int port = server.port;
            String admin = BenchTarget.basic("admin", BenchTarget.ADMIN_PASSWORD);
            long managerId = id(send(port, "POST", "/api/v1/users", admin, "{\"username\":\"bench-mgr\",\"displayName\":\"Bench Manager\","
                    + "\"role\":\"SALES_MANAGER\",\"password\":\"bench-password-123\"}", 201));
            String manager = "Bearer " + token(port, BenchTarget.basic("bench-mgr", "bench-password-123"));
            List<Long> ids = new ArrayList<>(List.of(managerId));
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < operators; i++) {
                ids.add(id(send(port, "POST", "/api/v1/users", admin, "{\"username\":\"op" + i + "\",\"displayName\":\"Operator " + i
                        + "\",\"role\":\"OPERATOR\",\"password\":\"bench-password-123\"}", 201)));
                tokens.add("Bearer " + token(port, BenchTarget.basic("op" + i, "bench-password-123")));
            }
            long team = id(send(port, "POST", "/api/v1/teams", admin, "{\"name\":\"Call centre\",\"memberIds\":" + ids + "}", 201));
            long campaign = id(send(port, "POST", "/api/v1/call-campaigns", manager, "{\"name\":\"Bench\",\"teamId\":" + team + "}", 201));
            if (warmUpRows > 0) {
                long warmUp = id(send(port, "POST", "/api/v1/call-campaigns", manager, "{\"name\":\"Warm-up\",\"teamId\":" + team + "}", 201));
                importList(port, manager, warmUp, warmUpRows, "Warm-up ", 30_000_000, "first import after the server started, not the figure");
            }
            importList(port, manager, campaign, calls, "Company ", 40_000_000, "the figure");
            if (warmUpSeconds > 0) {
                // The claim and outcome paths are compiled by the JIT after a few thousand requests, in the
                // server and in this client: 5 claims each left that compilation inside the timed phase, on
                // the same two cores.
                Soaked warm = soak(port, tokens, warmUpSeconds);
                System.out.printf("%nwarm-up: 20 operators without pause for %d s, %,d claims, not timed%n", warmUpSeconds, warm.claims);
            }
            claimLatency(port, tokens);
            Soaked soaked = soak(port, tokens, soakSeconds);
            System.out.printf("%nSoak: %d operators without pause for %d s: %,d claims (%.0f/s), %d double claims, %d outcomes refused with 409;"
                    + " claim latency under saturation p50 %.1f ms, p99 %.1f ms%n", tokens.size(), soakSeconds, soaked.claims,
                    soaked.claims / (double) soakSeconds, soaked.doubles, soaked.conflicts, pct(soaked.ms, 50), pct(soaked.ms, 99));
        }
    }

    private void importList(int port, String manager, long campaign, int rows, String company, int firstNumber, String label) throws Exception {
        StringBuilder csv = new StringBuilder("company,contact,phone,email,notes,priority\n");
        String domain = company.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        for (int i = 0; i < rows; i++) {
            csv.append(company).append(i / 3).append(",Contact ").append(i).append(",+33 1 ").append(firstNumber + i).append(",contact")
                    .append(i).append("@").append(domain).append(i / 3).append(".example,\"row ").append(i).append(", imported\",")
                    .append(i % 4).append('\n');
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/call-campaigns/"
                + campaign + "/imports")).header("Authorization", manager).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        long job = id(check(accepted, 202));
        String status;
        do {
            Thread.sleep(200);
            status = send(port, "GET", "/api/v1/call-imports/" + job, manager, null, 200);
        } while (status.contains("\"RUNNING\""));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%nImport of %,d rows (%,d KB, one company per three rows; %s): %.1f s = %,.0f rows/s%n  %s%n", rows, body.length / 1024, label,
                seconds, rows / seconds, status);
    }

    /** Each operator claims the next call and holds it, {@code claims} times; the claim is what is timed. */
    private void claimLatency(int port, List<String> tokens) throws Exception {
        List<double[]> perOperator = new ArrayList<>();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicLong doubles = new AtomicLong();
        run(tokens, (token, index) -> {
            double[] ms = new double[claimsPerOperator];
            synchronized (perOperator) {
                perOperator.add(ms);
            }
            // The first WARM_UP claims of each operator (JIT compilation, and all 20 starting at the same
            // instant) are made but not timed, as the other harnesses warm up before measuring.
            for (int i = -WARM_UP; i < claimsPerOperator; i++) {
                long t = System.nanoTime();
                String call = send(port, "POST", "/api/v1/calls/next", token, "{}", 200);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                long id = id(call);
                if (!seen.add(id)) {
                    doubles.incrementAndGet();
                }
                Thread.sleep(talkMillis / 2 + ThreadLocalRandom.current().nextInt(talkMillis + 1));
                send(port, "POST", "/api/v1/calls/" + id + "/outcome", token, "{\"outcome\":\"HELD\"}", 200);
            }
        });
        double[] all = perOperator.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        System.out.printf("%nClaim next call, %d concurrent operators, %,d claims (each followed by a call of %d ms ±50 %% and a Held outcome),"
                + " token auth, after the warm-up and %d untimed claims each:%n%n", tokens.size(), all.length, talkMillis, WARM_UP);
        System.out.println("| p50 | p95 | p99 | max | double claims |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf("| %.1f ms | %.1f ms | %.1f ms | %.1f ms | %d |%n", pct(all, 50), pct(all, 95), pct(all, 99), all[all.length - 1],
                doubles.get());
    }

    private record Soaked(long claims, long doubles, long conflicts, double[] ms) {
    }

    /** Operators work the queue for a while with mixed outcomes; Not Held calls return after 5 s and are claimed again. */
    private static Soaked soak(int port, List<String> tokens, int seconds) throws Exception {
        Set<Long> held = ConcurrentHashMap.newKeySet();
        AtomicLong claims = new AtomicLong();
        AtomicLong doubles = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.currentTimeMillis() + seconds * 1000L;
        run(tokens, (token, index) -> {
            while (System.currentTimeMillis() < end) {
                long t = System.nanoTime();
                HttpResponse<String> r = raw(port, "POST", "/api/v1/calls/next", token, "{}");
                latencies.add((System.nanoTime() - t) / 1e6);
                if (r.statusCode() == 204) {
                    Thread.sleep(200);
                    continue;
                }
                long id = id(check(r, 200));
                claims.incrementAndGet();
                if (!held.add(id)) {
                    doubles.incrementAndGet();
                }
                int dice = ThreadLocalRandom.current().nextInt(10);
                String outcome = dice < 5 ? "HELD" : dice < 9 ? "NOT_HELD" : "CANCEL";
                // Released before the outcome is sent: once it commits another operator may rightly claim it again.
                held.remove(id);
                HttpResponse<String> o = raw(port, "POST", "/api/v1/calls/" + id + "/outcome", token, "{\"outcome\":\"" + outcome + "\"}");
                if (o.statusCode() == 409) {
                    conflicts.incrementAndGet();
                } else {
                    check(o, 200);
                }
            }
        });
        double[] ms = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Soaked(claims.get(), doubles.get(), conflicts.get(), ms);
    }

    private interface Work {
        void run(String token, int index) throws Exception;
    }

    private static void run(List<String> tokens, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                work.run(token, index);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static String token(int port, String basic) throws Exception {
        Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(send(port, "POST", "/api/v1/users/me/tokens", basic,
                "{\"name\":\"bench\"}", 201));
        if (!m.find()) {
            throw new IllegalStateException("no token");
        }
        return m.group(1);
    }

    private static HttpResponse<String> raw(int port, String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .header("Accept", "application/json");
        b = json == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String send(int port, String method, String path, String authorization, String json, int expected) throws Exception {
        return check(raw(port, method, path, authorization, json), expected);
    }

    private static String check(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.uri() + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static long id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(m.group(1));
    }


    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
