package org.switchboard.server.connector;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The real Thunderbird against the server on the embedded H2 default. */
class ThunderbirdEndToEndH2Test extends ThunderbirdEndToEndContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
