package org.switchboard.server.phonecall;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/**
 * Call-list imports on PostgreSQL, whenever SWITCHBOARD_TEST_PG_URL names one. Here in batches of two rows
 * (on H2 the whole file is one batch), so the same assertions show that a row's outcome does not depend on
 * whether the row it repeats or the company it joins came in its own batch or an earlier one.
 */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_URL_VARIABLE, matches = ".+")
class CallListImportPostgresTest extends CallListImportContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
        registry.add("switchboard.calls.import-batch", () -> "2");
    }

    @Override
    int batchSize() {
        return 2;
    }
}
