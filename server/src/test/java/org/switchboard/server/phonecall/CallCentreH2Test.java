package org.switchboard.server.phonecall;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The call centre on the embedded H2 default (the conditional-UPDATE claim). */
class CallCentreH2Test extends CallCentreContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
