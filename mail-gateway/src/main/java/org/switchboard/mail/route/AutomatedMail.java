package org.switchboard.mail.route;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.switchboard.mail.parse.AutomationHeaders;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.mail.spi.InboundEnvelope;

/** Tells mail that no human wrote (auto-replies, lists, loops) so that it never creates or answers a case. */
final class AutomatedMail {

    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster");

    private AutomatedMail() {
    }

    /** The reason this message is automated, or empty for a human's mail. */
    static Optional<String> reason(InboundEnvelope envelope, ParsedMessage message) {
        AutomationHeaders headers = message.automation();
        // RFC 3834 §5.1: any value other than "no" marks automatic mail.
        Optional<String> autoSubmitted = headers.autoSubmitted().map(v -> v.toLowerCase(Locale.ROOT).split("[;\\s]")[0]);
        if (autoSubmitted.isPresent() && !autoSubmitted.get().equals("no")) {
            return Optional.of("Auto-Submitted: " + autoSubmitted.get());
        }
        Optional<String> precedence = headers.precedence().map(v -> v.toLowerCase(Locale.ROOT).strip());
        if (precedence.isPresent() && Set.of("bulk", "junk", "list").contains(precedence.get())) {
            return Optional.of("Precedence: " + precedence.get());
        }
        if (!headers.ourLoop().isEmpty()) {
            return Optional.of("our own loop header " + AutomationHeaders.OUR_LOOP_HEADER);
        }
        if (!headers.xLoop().isEmpty()) {
            return Optional.of("X-Loop: " + headers.xLoop().get(0));
        }
        if (headers.listId().isPresent()) {
            return Optional.of("mailing list (List-Id)");
        }
        if (headers.autoResponseSuppress().map(v -> v.toLowerCase(Locale.ROOT).contains("all")).orElse(false)) {
            return Optional.of("X-Auto-Response-Suppress: All");
        }
        // RFC 5321 §4.5.5: the null reverse-path is for notifications, which must not be answered.
        if (envelope.sender().isEmpty() && !envelope.transport().equals("IMAP") && !envelope.transport().equals("POP3")) {
            return Optional.of("null sender");
        }
        Optional<String> from = message.from().map(m -> m.address());
        for (Optional<String> address : java.util.List.of(envelope.sender(), from)) {
            if (address.isPresent() && SYSTEM_LOCAL_PARTS.contains(localPart(address.get()))) {
                return Optional.of("sent by " + address.get());
            }
        }
        return Optional.empty();
    }

    private static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
    }
}
