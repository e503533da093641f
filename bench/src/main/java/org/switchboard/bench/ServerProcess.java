package org.switchboard.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Switchboard jar started as a separate process, exactly as an operator runs it. */
final class ServerProcess implements AutoCloseable {
    final int port;
    private final Process process;
    /** The server JVM's GC log: the heap before each collection is its peak use, read without asking the server. */
    final Path gcLog;

    private ServerProcess(int port, Process process, Path gcLog) {
        this.port = port;
        this.process = process;
        this.gcLog = gcLog;
    }

    /** The CPU time the server process has used so far (all its threads: requests, GC, JIT), zero if unknown. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The most heap the server had in use (before a collection), from its GC log; 0 when it never collected. */
    long peakHeapBytes() throws IOException {
        Matcher m = HEAP_BEFORE_GC.matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            long value = Long.parseLong(m.group(1));
            peak = Math.max(peak, switch (m.group(2)) {
                case "G" -> value << 30;
                case "M" -> value << 20;
                default -> value << 10;
            });
        }
        return peak;
    }

    /** "Pause Young (Normal) (G1 Evacuation Pause) 120M->20M(256M)": the first size is the heap in use before. */
    private static final Pattern HEAP_BEFORE_GC = Pattern.compile("Pause .*? (\\d+)([KMG])->\\d+[KMG]\\(");

    static ServerProcess start(String jar, List<String> jvmOptions, List<String> arguments, File log) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path gcLog = Path.of(log.getPath() + ".gc");
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx1g", "-Xlog:gc:file=" + gcLog));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar, "--server.port=" + port));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        ServerProcess server = new ServerProcess(port, process, gcLog);
        server.awaitHealthy(Duration.ofSeconds(180), log);
        return server;
    }

    private void awaitHealthy(Duration timeout, File log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not become healthy in " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
