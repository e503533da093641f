package org.switchboard.server.connector;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** Outlook's contacts CSV on the embedded H2 default. */
class OutlookCsvH2Test extends OutlookCsvContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
