package org.switchboard.server.connector;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The real Thunderbird against the server on PostgreSQL, whenever SWITCHBOARD_TEST_PG_URL names one (CI always does). */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_URL_VARIABLE, matches = ".+")
class ThunderbirdEndToEndPostgresTest extends ThunderbirdEndToEndContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }
}
