package org.switchboard.server.mail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.switchboard.server.testing.ApiClient;

/**
 * The server as a separate JVM (the test's own classpath, {@code SwitchboardApplication} as main class),
 * so a test can kill it with SIGKILL and start it again on the same database.
 */
final class ServerProcess {
    final int httpPort;
    final int smtpPort;
    private final List<String> databaseArgs;
    private final Path log;
    private Process process;

    ServerProcess(List<String> databaseArgs, Path log) throws IOException {
        this.httpPort = freePort();
        this.smtpPort = freePort();
        this.databaseArgs = databaseArgs;
        this.log = log;
    }

    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.switchboard.server.SwitchboardApplication",
                "--server.port=" + httpPort,
                "--switchboard.admin.password=" + ApiClient.ADMIN_PASSWORD,
                "--switchboard.mail.enabled=true",
                "--switchboard.mail.hostname=crm.test",
                "--switchboard.mail.smtp.host=127.0.0.1",
                "--switchboard.mail.smtp.port=" + smtpPort,
                "--switchboard.mail.reply-token-secret=zero-loss-secret-zero-loss-secret-0123",
                "--switchboard.mail.route-every=50ms"));
        command.addAll(databaseArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ": see " + log);
            }
            if (listening(smtpPort) && ApiClient.anonymous(httpPort).get("/actuator/health").status() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not start within 120 s: see " + log);
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful close. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: Spring closes the listeners and the database. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
