package org.switchboard.server.contact;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The address book's background catch-up on H2. */
class AddressBookCatchUpH2Test extends AddressBookCatchUpContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        registry.add("switchboard.contacts.catch-up-interval", () -> INTERVAL);
    }
}
