package org.switchboard.server.calendar;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** The consolidated calendars on the embedded H2 default. */
class ConsolidatedCalendarH2Test extends ConsolidatedCalendarContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
