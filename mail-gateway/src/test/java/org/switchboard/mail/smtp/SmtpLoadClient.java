package org.switchboard.mail.smtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Ingestion load: N concurrent SMTP sessions each send M messages of a given size; reports accepted
 * messages per second and the latency from end of DATA to the reply (p50, p99).
 *
 * <pre>
 * java -cp ... org.switchboard.mail.smtp.SmtpLoadClient host port recipient sessions messagesPerSession bytes
 * </pre>
 */
public final class SmtpLoadClient {

    /** Outcome of a run. */
    public record Report(int accepted, int refused, double seconds, double p50Millis, double p99Millis) {
        double perSecond() {
            return accepted / seconds;
        }

        @Override
        public String toString() {
            return String.format("accepted %d, refused %d in %.2f s: %.0f msg/s, end-of-DATA to reply p50 %.2f ms, p99 %.2f ms",
                    accepted, refused, seconds, perSecond(), p50Millis, p99Millis);
        }
    }

    public static Report run(String host, int port, String recipient, int sessions, int perSession, int bytes)
            throws Exception {
        String body = body(bytes);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            int session = s;
            results.add(pool.submit(() -> session(host, port, recipient, session, perSession, body)));
        }
        List<Long> latencies = new ArrayList<>();
        int refused = 0;
        for (Future<long[]> result : results) {
            for (long nanos : result.get()) {
                if (nanos < 0) {
                    refused++;
                } else {
                    latencies.add(nanos);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Report(sorted.length, refused, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /** Latency in nanoseconds per message, negative for a refused one. */
    private static long[] session(String host, int port, String recipient, int session, int count, String body)
            throws Exception {
        long[] latencies = new long[count];
        try (RawClient client = new RawClient(host, port)) {
            client.reply();
            client.command("EHLO load" + session + ".example");
            for (int i = 0; i < count; i++) {
                client.command("MAIL FROM:<load@load.example>");
                client.command("RCPT TO:<" + recipient + ">");
                client.command("DATA");
                client.send("Message-ID: <" + session + "." + i + "." + System.nanoTime() + "@load.example>\r\n"
                        + "From: load@load.example\r\nSubject: load " + i + "\r\n\r\n" + body);
                long endOfData = System.nanoTime();
                String reply = client.command(".");
                latencies[i] = reply != null && reply.startsWith("250") ? System.nanoTime() - endOfData : -1;
            }
            client.command("QUIT");
        }
        return latencies;
    }

    private static String body(int bytes) {
        StringBuilder body = new StringBuilder();
        String line = "The quick brown fox jumps over the lazy dog 0123456789 abcdefghij ABCDEFGHIJ\r\n";
        while (body.length() + line.length() <= bytes) {
            body.append(line);
        }
        return body.toString();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: SmtpLoadClient host port recipient sessions messagesPerSession bytes");
            System.exit(2);
        }
        int[] n = Arrays.stream(args, 3, 6).mapToInt(Integer::parseInt).toArray();
        System.out.println(run(args[0], Integer.parseInt(args[1]), args[2], n[0], n[1], n[2]));
    }
}
