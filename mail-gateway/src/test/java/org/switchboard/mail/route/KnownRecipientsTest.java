package org.switchboard.mail.route;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.switchboard.mail.spi.memory.InMemoryMailDirectory;

class KnownRecipientsTest {

    private final KnownRecipients recipients = new KnownRecipients(new InMemoryMailDirectory()
            .alias("sales@crm.example.com", "lead")
            .catchAll("catch.example.com", "lead"), ReplyTokenTest.TOKENS);

    @Test
    void acceptsAliasesTokensAndCatchAllDomainsOnly() {
        assertTrue(recipients.accepts("sales@crm.example.com"));
        assertTrue(recipients.accepts("Sales@CRM.example.com"));
        assertTrue(recipients.accepts("sales+newsletter@crm.example.com"));
        assertTrue(recipients.accepts(ReplyTokenTest.TOKENS.caseAddress("other@crm.example.com", 5)));
        assertTrue(recipients.accepts("whoever@catch.example.com"));
        assertFalse(recipients.accepts("nobody@crm.example.com"));
        assertFalse(recipients.accepts("other+c5-0000000000000000@crm.example.com"));
        assertFalse(recipients.accepts("sales@elsewhere.example"));
    }
}
