package org.switchboard.mail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The load client itself works: every message it sends is accepted and stored once (no timing asserted). */
class SmtpLoadClientTest {

    @Test
    void aSmallRunStoresEveryAcceptedMessage() throws Exception {
        try (ListenerFixture fixture = ListenerFixture.smtp()) {
            SmtpLoadClient.Report report = SmtpLoadClient.run("127.0.0.1", fixture.listener.port(), "sales@crm.example.com", 4, 50, 5 * 1024);
            assertEquals(200, report.accepted());
            assertEquals(0, report.refused());
            assertEquals(200, fixture.spool.messages().size());
            System.out.println("in-memory spool: " + report);
        }
    }
}
