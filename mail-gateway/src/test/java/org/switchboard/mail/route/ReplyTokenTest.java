package org.switchboard.mail.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReplyTokenTest {

    static final ReplyToken TOKENS = new ReplyToken("0123456789abcdef0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void aCaseAddressVerifiesToItsCase() {
        String address = TOKENS.caseAddress("Sales@CRM.example.com", 123);
        assertTrue(address.matches("sales\\+c123-[0-9a-f]{16}@crm\\.example\\.com"), address);
        assertEquals(Optional.of(123L), TOKENS.caseId(address));
        assertEquals(Optional.of(123L), TOKENS.caseId(address.toUpperCase()), "local parts may come back upper-cased");
    }

    @Test
    void changingTheCaseNumberOrGuessingTheMacFails() {
        String address = TOKENS.caseAddress("sales@crm.example.com", 123);
        String mac = address.substring(address.indexOf('-') + 1, address.indexOf('@'));
        assertEquals(Optional.empty(), TOKENS.caseId("sales+c124-" + mac + "@crm.example.com"));
        assertEquals(Optional.empty(), TOKENS.caseId("sales+c123-0000000000000000@crm.example.com"));
        assertEquals(Optional.empty(), TOKENS.caseId("sales+c123@crm.example.com"));
        assertEquals(Optional.empty(), TOKENS.outboxId(address), "a case token is not a bounce token");
    }

    @Test
    void anotherSecretDoesNotVerify() {
        ReplyToken other = new ReplyToken("another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), other.caseId(TOKENS.caseAddress("sales@crm.example.com", 7)));
    }

    @Test
    void bounceAddressesCarryTheOutboxId() {
        String verp = TOKENS.bounceAddress("sales@crm.example.com", "out42").orElseThrow();
        assertEquals(Optional.of("out42"), TOKENS.outboxId(verp));
        assertEquals(Optional.empty(), TOKENS.bounceAddress("sales@crm.example.com", "has space"));
    }

    @Test
    void baseAddressDropsTheDetail() {
        assertEquals("sales@crm.example.com", ReplyToken.baseAddress("Sales+c1-abc@CRM.example.com"));
        assertEquals("sales@crm.example.com", ReplyToken.baseAddress("sales@crm.example.com"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReplyToken(new byte[16]));
    }
}
