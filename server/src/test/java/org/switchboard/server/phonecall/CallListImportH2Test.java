package org.switchboard.server.phonecall;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** Call-list imports on the embedded H2 default. */
class CallListImportH2Test extends CallListImportContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
