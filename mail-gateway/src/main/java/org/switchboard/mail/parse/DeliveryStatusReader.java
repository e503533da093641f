package org.switchboard.mail.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the fields of a message/delivery-status body (RFC 3464 §2.1–2.3). */
final class DeliveryStatusReader {

    private DeliveryStatusReader() {
    }

    static List<DeliveryReport.Recipient> recipients(String body) {
        List<DeliveryReport.Recipient> recipients = new ArrayList<>();
        // §2.1: the per-message fields, then one group per recipient, groups separated by blank lines.
        String[] groups = body.replace("\r\n", "\n").split("\n\\s*\n");
        for (int i = 1; i < groups.length; i++) {
            Map<String, String> fields = fields(groups[i]);
            String finalRecipient = fields.getOrDefault("final-recipient", fields.getOrDefault("original-recipient", ""));
            if (finalRecipient.isEmpty()) {
                continue;
            }
            recipients.add(new DeliveryReport.Recipient(address(finalRecipient),
                    fields.getOrDefault("action", "").toLowerCase(Locale.ROOT),
                    fields.getOrDefault("status", "")));
        }
        return recipients;
    }

    /** §2.3.2: "Final-Recipient: rfc822;user@example.com" — address-type; generic-address. */
    private static String address(String value) {
        int semicolon = value.indexOf(';');
        String address = semicolon >= 0 ? value.substring(semicolon + 1) : value;
        address = address.strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> fields(String group) {
        Map<String, String> fields = new LinkedHashMap<>();
        String current = null;
        for (String line : group.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                fields.computeIfPresent(current, (k, v) -> v + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                current = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                fields.putIfAbsent(current, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** Message-ID from a text/rfc822-headers part (RFC 6522 §3: the returned headers). */
    static Optional<String> messageIdFromHeaders(String headers) {
        Map<String, String> fields = fields(headers.replace("\r\n", "\n").split("\n\\s*\n")[0]);
        return Optional.ofNullable(fields.get("message-id")).flatMap(MessageIds::first);
    }
}
