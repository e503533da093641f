package org.switchboard.server.mail;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.TestDatabases;

/** Mailboxes (IDLE, POP3), STARTTLS and company-by-domain on the embedded H2 default. */
class MailFetchAndTlsH2Test extends MailFetchAndTlsContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
