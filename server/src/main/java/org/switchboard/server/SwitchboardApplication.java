package org.switchboard.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.switchboard.server.radicale.RadicaleImportCommand;

/** Composition root: the CRM and every protocol module wired together. */
@SpringBootApplication
public class SwitchboardApplication {
    public static void main(String[] args) {
        if (RadicaleImportCommand.requested(args)) {
            // a command, not a server: import, then stop with the import's exit code
            System.exit(SpringApplication.exit(SpringApplication.run(SwitchboardApplication.class,
                    RadicaleImportCommand.importArguments(args))));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
