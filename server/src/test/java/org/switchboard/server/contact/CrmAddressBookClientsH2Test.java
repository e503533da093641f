package org.switchboard.server.contact;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** vdirsyncer and khard against the CRM address book on H2. */
class CrmAddressBookClientsH2Test extends CrmAddressBookClientsContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
