package org.switchboard.bench;

import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * One DAV server the harnesses measure, Switchboard or Radicale: where it listens, the home under which the
 * user's collections are, the credentials, and how hard to time it. The same request set runs against each
 * through {@link #send} and {@link #time}; for Radicale every request has a timeout, fewer runs are made and a
 * request that times out or fails is reported in its row instead of ending the run.
 */
final class DavEndpoint {
    interface Request {
        /** Returns the response body, or (for a request that times itself) a Long of nanoseconds. */
        Object run() throws Exception;
    }

    final String name;
    final String base;
    /** The user's home, e.g. {@code /dav/bench/} (Switchboard) or {@code /bench/} (Radicale). */
    final String home;
    final String authorization;
    /** Radicale: a timeout per request, {@link #runs} runs after one warm-up, failures reported not thrown. */
    final boolean lenient;
    private final Duration timeout;
    private final int runs;
    private final HttpClient http = HttpClient.newHttpClient();

    private DavEndpoint(String name, String base, String home, String authorization, boolean lenient, Duration timeout, int runs) {
        this.name = name;
        this.base = base;
        this.home = home;
        this.authorization = authorization;
        this.lenient = lenient;
        this.timeout = timeout;
        this.runs = runs;
    }

    static DavEndpoint switchboard(int port, String user, String authorization) {
        return new DavEndpoint("Switchboard", "http://127.0.0.1:" + port, "/dav/" + user + "/", authorization, false, null, 0);
    }

    static DavEndpoint radicale(RadicaleProcess radicale, String user, String authorization, Duration timeout, int runs) {
        return new DavEndpoint("Radicale " + radicale.version, "http://127.0.0.1:" + radicale.port, "/" + user + "/", authorization, true, timeout,
                runs);
    }

    String send(String method, String path, String depthOrType, String body, int expected) throws Exception {
        return DavRequests.send(client(), base, timeout, method, path, authorization, depthOrType, body, expected);
    }

    String send(String auth, String method, String path, String depthOrType, String body, int expected) throws Exception {
        return DavRequests.send(client(), base, timeout, method, path, auth, depthOrType, body, expected);
    }

    /**
     * Radicale's server answers HTTP/1.0 and closes the connection, but without "Connection: close", and the
     * JDK's client pools it anyway (the next request then fails with "header parser received no bytes"): a
     * client of its own per request for Radicale (its creation, well under a millisecond, is in the timing).
     */
    private HttpClient client() {
        return lenient ? HttpClient.newHttpClient() : http;
    }

    /** Like {@link #send} with a timeout of its own (Radicale's first request builds its item cache). */
    String sendWithin(Duration within, String method, String path, String depthOrType, String body, int expected) throws Exception {
        return DavRequests.send(client(), base, lenient ? within : null, method, path, authorization, depthOrType, body, expected);
    }

    static void header() {
        System.out.println("| request | runs | p50 | p95 | max |");
        System.out.println("|---|---|---|---|---|");
    }

    /**
     * Runs {@code warmUp} untimed then {@code runs} timed (Radicale: one and its own count) and prints the
     * row. For Radicale a timeout or failure ends the row with "timeout" or "failed: …", and the run goes on.
     */
    void time(String label, int warmUp, int runs, Request request) throws Exception {
        int w = lenient ? 1 : warmUp;
        int n = lenient ? this.runs : runs;
        double[] ms = new double[n];
        int done = 0;
        try {
            for (int i = 0; i < w; i++) {
                request.run();
            }
            for (; done < n; done++) {
                long start = System.nanoTime();
                Object r = request.run();
                ms[done] = (r instanceof Long own ? own : System.nanoTime() - start) / 1e6;
            }
        } catch (Exception e) {
            if (!lenient) {
                throw e;
            }
            String why = timedOut(e) ? "timeout (" + timeout.toSeconds() + " s)" : "failed: " + e.getMessage().replace('\n', ' ').replace('|', '/');
            if (done == 0) {
                System.out.printf("| %s | 0 | %s | | |%n", label, why);
            } else {
                double[] some = Arrays.copyOf(ms, done);
                Arrays.sort(some);
                System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms, then %s |%n", label, done, DavRequests.pct(some, 50), DavRequests.pct(some, 95),
                        some[done - 1], why);
            }
            return;
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", label, n, DavRequests.pct(ms, 50), DavRequests.pct(ms, 95), ms[n - 1]);
    }

    /** A row for a request this server has no equivalent of. */
    static void skipped(String label, String why) {
        System.out.printf("| %s | skipped: %s | | | |%n", label, why);
    }

    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
