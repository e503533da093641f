package org.switchboard.server.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Debian DAV clients. A missing client skips its test, unless SWITCHBOARD_TEST_CLIENTS=required
 * (CI sets it, after {@code apt-get install python3-caldav vdirsyncer khal litmus}): then the test fails.
 */
public final class RealClients {
    public static final String PYTHON = "/usr/bin/python3";
    public static final String VDIRSYNCER = "/usr/bin/vdirsyncer";
    public static final String KHAL = "/usr/bin/khal";
    public static final String LITMUS = "/usr/bin/litmus";

    private RealClients() {
    }

    public static void require(boolean installed, String what) {
        if ("required".equals(System.getenv("SWITCHBOARD_TEST_CLIENTS"))) {
            assertThat(installed).as(what + " is required (SWITCHBOARD_TEST_CLIENTS=required) but not installed").isTrue();
        }
        Assumptions.assumeTrue(installed, what + " is not installed; skipping (apt-get install python3-caldav vdirsyncer khal litmus)");
    }

    public static boolean pythonCaldav() {
        if (!new File(PYTHON).canExecute()) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import caldav").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean vdirsyncer() {
        return new File(VDIRSYNCER).canExecute();
    }

    public static boolean khal() {
        return new File(KHAL).canExecute();
    }

    public static boolean litmus() {
        return new File(LITMUS).canExecute();
    }

    /** Runs a command in {@code dir} with "y" answers on stdin; returns its output, failing on a non-zero exit. */
    public static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        return run(dir, command, java.util.Map.of());
    }

    /** As {@link #run(Path, List)}, with {@code env} added to the environment. */
    public static String run(Path dir, List<String> command, java.util.Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write("y\ny\ny\ny\ny\ny\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + out);
        assertThat(done).as("timed out: " + out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
