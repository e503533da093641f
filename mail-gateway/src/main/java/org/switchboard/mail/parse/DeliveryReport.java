package org.switchboard.mail.parse;

import java.util.List;
import java.util.Optional;

/**
 * The machine-readable part of a delivery status notification (RFC 3464 §2.1 message/delivery-status).
 *
 * @param recipients        one entry per per-recipient field group
 * @param originalMessageId Message-ID of the message that bounced, from the returned message or headers part
 */
public record DeliveryReport(List<Recipient> recipients, Optional<String> originalMessageId) {

    public DeliveryReport {
        recipients = List.copyOf(recipients);
    }

    /**
     * RFC 3464 §2.3: {@code Final-Recipient} (address only), {@code Action} (failed, delayed, delivered,
     * relayed, expanded) and {@code Status} (RFC 3463 code, e.g. 5.1.1).
     */
    public record Recipient(String finalRecipient, String action, String status) {
        public boolean failed() {
            return action.equalsIgnoreCase("failed") || status.startsWith("5");
        }
    }
}
