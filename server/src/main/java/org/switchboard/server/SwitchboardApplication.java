package org.switchboard.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Composition root: the CRM and every protocol module wired together. */
@SpringBootApplication
public class SwitchboardApplication {
    public static void main(String[] args) {
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
