package org.switchboard.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Radicale started beside Switchboard for the DAV harnesses (issues 4 and 5): a separate process on a free
 * loopback port, without any configuration file (Debian's /etc/radicale/config asks for TLS and a remote
 * user), no authentication, and a temporary storage folder the harness fills by writing files, as
 * Radicale's own filesystem storage does: {@code collection-root/<user>/<collection>/} with a
 * {@code .Radicale.props} and one file per item named like its href. The folder is deleted on close.
 */
final class RadicaleProcess implements AutoCloseable {
    final int port;
    final String version;
    private final Process process;
    private final Path folder;

    private RadicaleProcess(int port, String version, Process process, Path folder) {
        this.port = port;
        this.version = version;
        this.process = process;
        this.folder = folder;
    }

    /**
     * The executable option {@code --radicale}: a path, {@code none}, or (absent) {@code radicale} when it is on
     * the PATH. Null when Radicale is not to be run.
     */
    static String executable(Options o) {
        String given = o.get("radicale", null);
        if ("none".equals(given)) {
            return null;
        }
        if (given != null) {
            return given;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "radicale");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    static RadicaleProcess start(String executable, File log) throws Exception {
        Process v = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
        String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        v.waitFor();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path folder = Files.createTempDirectory("switchboard-bench-radicale");
        log.getParentFile().mkdirs();
        System.out.printf("Starting %s %s on 127.0.0.1:%d, storage %s (log: %s)%n", executable, version, port, folder, log);
        // "--config" without a value: no configuration file at all
        Process process = new ProcessBuilder(List.of(executable, "--config", "--storage-filesystem-folder", folder.toString(), "--auth-type", "none",
                "--server-hosts", "127.0.0.1:" + port)).redirectErrorStream(true).redirectOutput(log).start();
        RadicaleProcess radicale = new RadicaleProcess(port, version, process, folder);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            if (!process.isAlive()) {
                radicale.close();
                throw new IllegalStateException("radicale exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return radicale;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    radicale.close();
                    throw new IllegalStateException("radicale did not listen within 30 s; see " + log);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Creates {@code collection-root/<user>/<name>/} with its props ({@code VCALENDAR} or {@code VADDRESSBOOK}). */
    Path collection(String user, String name, String tag) throws IOException {
        Path dir = folder.resolve("collection-root").resolve(user).resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".Radicale.props"), "{\"tag\": \"" + tag + "\"}");
        return dir;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
