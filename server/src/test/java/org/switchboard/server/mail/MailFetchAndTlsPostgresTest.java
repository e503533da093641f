package org.switchboard.server.mail;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** Mailboxes (IDLE, POP3), STARTTLS and company-by-domain on PostgreSQL, whenever SWITCHBOARD_TEST_PG_URL names one (CI always does). */
@EnabledIfEnvironmentVariable(named = TestDatabases.PG_URL_VARIABLE, matches = ".+")
class MailFetchAndTlsPostgresTest extends MailFetchAndTlsContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }
}
