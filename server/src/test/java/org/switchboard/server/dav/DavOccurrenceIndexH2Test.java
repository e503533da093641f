package org.switchboard.server.dav;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The occurrence index on the embedded H2 default. */
class DavOccurrenceIndexH2Test extends DavOccurrenceIndexContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
