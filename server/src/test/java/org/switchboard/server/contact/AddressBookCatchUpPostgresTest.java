package org.switchboard.server.contact;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The address book's background catch-up on PostgreSQL, whenever SWITCHBOARD_TEST_PG_URL names one (CI always does). */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_URL_VARIABLE, matches = ".+")
class AddressBookCatchUpPostgresTest extends AddressBookCatchUpContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
        registry.add("switchboard.contacts.catch-up-interval", () -> INTERVAL);
    }
}
