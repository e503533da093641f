package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real client: Debian's {@code python3-caldav} against the embedded server. Skipped (with a message)
 * when {@code /usr/bin/python3} cannot import caldav: CI installs the package {@code python3-caldav}.
 */
class PythonCaldavTest {
    static final String PYTHON = "/usr/bin/python3";

    static boolean caldavInstalled() {
        if (!new File(PYTHON).canExecute()) return false;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import caldav").directory(new File(System.getProperty("java.io.tmpdir")))
                    .redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void pythonCaldavDiscoversSearchesEditsSyncsAndDeletes() throws Exception {
        Assumptions.assumeTrue(caldavInstalled(),
                "python3-caldav is not installed (apt-get install python3-caldav); skipping the real-client test");
        Path script = Path.of(getClass().getResource("/python/caldav_client.py").toURI());
        try (DavTestServer server = DavTestServer.standard()) {
            Path log = Files.createTempFile("python-caldav", ".log");
            Process p = new ProcessBuilder(PYTHON, script.toString(), server.url(""), "alice", DavTestServer.PASSWORD)
                    .directory(new File(System.getProperty("java.io.tmpdir")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(out);
            assertTrue(done, "python-caldav timed out:\n" + out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("OK"), out);
        }
    }
}
