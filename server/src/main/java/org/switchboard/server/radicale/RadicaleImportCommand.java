package org.switchboard.server.radicale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code java -jar switchboard.jar --switchboard.import.radicale=/var/lib/radicale/collections}: imports a
 * Radicale storage folder and exits (docs/calendar.md#migrating-from-radicale). The server starts as usual —
 * same database, same migrations, same DAV store — on a loopback port of its own with the mail gateway off,
 * so it can run beside a running server on PostgreSQL; {@link org.switchboard.server.SwitchboardApplication}
 * stops it when the import is done. Exit code 0 when every item went in, 1 when some were reported, 2 when
 * the folder could not be read.
 */
@Component
@ConditionalOnProperty("switchboard.import.radicale")
@Order(100) // after the first administrator exists
public class RadicaleImportCommand implements ApplicationRunner, ExitCodeGenerator {
    public static final String PROPERTY = "switchboard.import.radicale";
    private static final Logger LOG = LoggerFactory.getLogger(RadicaleImportCommand.class);
    private final RadicaleImport importer;
    private final String folder;
    private volatile int exitCode;

    RadicaleImportCommand(RadicaleImport importer, @Value("${" + PROPERTY + "}") String folder) {
        this.importer = importer;
        this.folder = folder;
    }

    /** Whether these arguments (or the environment) ask for the import rather than a server. */
    public static boolean requested(String[] args) {
        for (String a : args) {
            if (a.startsWith("--" + PROPERTY + "=")) {
                return true;
            }
        }
        String env = System.getenv("SWITCHBOARD_IMPORT_RADICALE");
        return env != null && !env.isBlank();
    }

    /** The arguments for an import run: a loopback port of its own, no mail listener, no outgoing mail. */
    public static String[] importArguments(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=0");
        all.add("--server.address=127.0.0.1");
        all.add("--switchboard.mail.enabled=false");
        return all.toArray(String[]::new);
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            RadicaleImport.Report report = importer.importTree(Path.of(folder));
            report.lines().forEach(line -> LOG.warn("radicale import: {}", line));
            LOG.info("radicale import of {} done: {}", folder, report.summary());
            exitCode = report.failed() > 0 || report.skipped() > 0 ? 1 : 0;
        } catch (Exception e) {
            LOG.error("radicale import of {} failed: {}", folder, e.getMessage());
            exitCode = 2;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
