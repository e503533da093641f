package org.switchboard.server.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The real Thunderbird (Debian package), headless, in a fresh profile made of a {@code user.js}, with the
 * Switchboard add-on side-loaded from the very .xpi the server serves (the connector-thunderbird jar on the
 * classpath), driven over Marionette (ADR 0016). Without Thunderbird the test is skipped, unless
 * SWITCHBOARD_TEST_THUNDERBIRD=required (CI), where it fails.
 */
public final class Thunderbird implements AutoCloseable {
    public static final String ADDON_ID = "switchboard@switchboard.org";
    private static final File EXECUTABLE = new File("/usr/bin/thunderbird");
    private static final String XPI = "META-INF/resources/connectors/switchboard-thunderbird.xpi";
    private static final long START_TIMEOUT_MS = 90_000;

    /** What every test profile needs: the unsigned side-loaded add-on enabled, no first-run dialogs, Marionette on a free port. */
    private static final Map<String, Object> BASE_PREFS = basePrefs();

    private final Path profile;
    private final Process process;
    private final Path log;
    private final Marionette marionette;

    private Thunderbird(Path profile, Process process, Path log, Marionette marionette) {
        this.profile = profile;
        this.process = process;
        this.log = log;
        this.marionette = marionette;
    }

    private static Map<String, Object> basePrefs() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("xpinstall.signatures.required", false);
        p.put("extensions.autoDisableScopes", 0);
        p.put("extensions.enabledScopes", 15);
        p.put("mail.provider.suppress_dialog_on_startup", true);
        p.put("mail.shell.checkDefaultClient", false);
        p.put("app.update.enabled", false);
        p.put("datareporting.policy.dataSubmissionEnabled", false);
        p.put("toolkit.telemetry.reportingpolicy.firstRun", false);
        // 0: any free port, written to <profile>/MarionetteActivePort; several test runs can share the machine.
        p.put("marionette.port", 0);
        return p;
    }

    /** Skips the test without Thunderbird, or fails it when SWITCHBOARD_TEST_THUNDERBIRD=required. */
    public static void require() {
        if (!EXECUTABLE.canExecute() && "required".equals(System.getenv("SWITCHBOARD_TEST_THUNDERBIRD"))) {
            throw new AssertionError("SWITCHBOARD_TEST_THUNDERBIRD=required but /usr/bin/thunderbird is missing (apt-get install thunderbird)");
        }
        Assumptions.assumeTrue(EXECUTABLE.canExecute(), "Thunderbird is not installed (apt-get install thunderbird); skipping");
    }

    /**
     * Starts Thunderbird on a new profile whose user.js holds the base prefs and {@code prefs}; returns once
     * Marionette answers and the add-on is running.
     */
    public static Thunderbird start(String name, Map<String, Object> prefs) throws Exception {
        require();
        Path profile = Files.createTempDirectory("sb-thunderbird-");
        Files.createDirectories(profile.resolve("extensions"));
        try (InputStream xpi = Thunderbird.class.getClassLoader().getResourceAsStream(XPI)) {
            if (xpi == null) {
                throw new IllegalStateException(XPI + " is not on the classpath (build connector-thunderbird first)");
            }
            Files.copy(xpi, profile.resolve("extensions").resolve(ADDON_ID + ".xpi"));
        }
        Map<String, Object> all = new LinkedHashMap<>(BASE_PREFS);
        all.putAll(prefs);
        Files.writeString(profile.resolve("user.js"), userJs(all), StandardCharsets.UTF_8);

        Path log = Path.of("target", "thunderbird", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        // -remote-allow-system-access: Marionette's chrome context (Thunderbird 140+ refuses it without).
        Process process = new ProcessBuilder(EXECUTABLE.getPath(), "--headless", "--no-remote", "--marionette", "-remote-allow-system-access",
                "--profile", profile.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Marionette marionette = null;
        try {
            marionette = connect(profile, process, log);
            Thunderbird tb = new Thunderbird(profile, process, log, marionette);
            tb.waitForAddOn();
            return tb;
        } catch (Exception | AssertionError e) {
            if (marionette != null) {
                marionette.close();
            }
            kill(process);
            deleteTree(profile);
            throw e;
        }
    }

    private static Marionette connect(Path profile, Process process, Path log) throws Exception {
        Path portFile = profile.resolve("MarionetteActivePort");
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Thunderbird exited (" + process.exitValue() + ") before Marionette answered:\n" + tail(log));
            }
            if (Files.exists(portFile)) {
                String text = Files.readString(portFile).strip();
                if (!text.isEmpty()) {
                    try {
                        return Marionette.connect(Integer.parseInt(text), 10_000);
                    } catch (IOException e) {
                        last = e; // written a moment before it listens
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Marionette did not answer within " + START_TIMEOUT_MS + " ms (" + last + "):\n" + tail(log));
    }

    private void waitForAddOn() throws Exception {
        marionette.run("""
                const deadline = Date.now() + 60000;
                while (!WebExtensionPolicy.getByID(args[0])?.extension) {
                  if (Date.now() > deadline) throw new Error('the add-on ' + args[0] + ' is not running');
                  await new Promise(r => setTimeout(r, 200));
                }
                """, ADDON_ID);
    }

    /** Privileged JavaScript in Thunderbird: {@link Marionette#run}. */
    public Marionette marionette() {
        return marionette;
    }

    public Path profile() {
        return profile;
    }

    /** Keeps a screenshot as target/screenshots/{@code name}.png and the log, stops Thunderbird and deletes the profile. */
    public void stop(String name) {
        try {
            Path shot = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, marionette.screenshot());
        } catch (Exception e) {
            System.err.println("no Thunderbird screenshot: " + e.getMessage());
        }
        close();
    }

    @Override
    public void close() {
        try {
            marionette.close();
        } catch (IOException e) {
            // going anyway
        }
        kill(process);
        deleteTree(profile);
    }

    public String logTail() {
        return tail(log);
    }

    /** /usr/bin/thunderbird is a wrapper script: the browser and its content processes are its descendants. */
    private static void kill(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + 10_000;
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static String userJs(Map<String, Object> prefs) {
        StringBuilder js = new StringBuilder();
        prefs.forEach((key, value) -> js.append("user_pref(\"").append(key).append("\", ")
                .append(value instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : value).append(");\n"));
        return js.toString();
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
