package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Debian's {@code litmus} WebDAV test suite, its {@code basic} and {@code props} tests, against the engine on
 * the in-memory backend: plain collections, files and dead properties in alice's home. Skipped when litmus is not installed (CI installs it).
 */
class LitmusTest {
    static final String LITMUS = "/usr/bin/litmus";

    @Test
    void basicSuitePassesAndPropsAllButMove() throws Exception {
        Assumptions.assumeTrue(new File(LITMUS).canExecute(), "litmus is not installed (apt-get install litmus); skipping");
        try (DavTestServer server = DavTestServer.standard()) {
            Path dir = Files.createTempDirectory("litmus");
            Path log = dir.resolve("out.log");
            ProcessBuilder pb = new ProcessBuilder(LITMUS, "--keep-going", server.url("/alice/"), "alice", DavTestServer.PASSWORD)
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of("TESTS", "basic props"));
            Process p = pb.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "litmus timed out");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(out);
            // every test named, and the summary counting them all passed (a warning, e.g. "no Class 2", is still a pass)
            assertTrue(out.contains("<- summary for `basic': of 16 tests run: 16 passed, 0 failed."), out);
            for (String t : List.of("options", "put_get", "put_get_utf8_segment", "put_no_parent", "mkcol_over_plain", "delete",
                    "delete_null", "delete_fragment", "mkcol", "mkcol_again", "delete_coll", "mkcol_no_parent", "mkcol_with_body")) {
                assertTrue(out.contains(". " + t + "."), t + " did not run:\n" + out);
            }
            // props: dead properties on a file; only propmove fails, for want of MOVE
            assertTrue(out.contains("<- summary for `props': of 30 tests run: 29 passed, 1 failed."), out);
            assertEquals(1, out.split("FAIL", -1).length - 1, out);
            assertTrue(out.matches("(?s).*propmove\\.+ FAIL \\(MOVE .*"), out);
        }
    }
}
