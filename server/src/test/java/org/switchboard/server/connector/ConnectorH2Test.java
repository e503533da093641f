package org.switchboard.server.connector;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The connector API and the add-in login on the embedded H2 default. */
class ConnectorH2Test extends ConnectorContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
