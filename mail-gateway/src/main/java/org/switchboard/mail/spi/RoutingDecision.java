package org.switchboard.mail.spi;

import java.util.Optional;

import org.switchboard.mail.parse.ParsedMessage;

/** What the router decided for one spooled message; every spooled message gets exactly one. */
public sealed interface RoutingDecision {

    /** A short human-readable summary for the administrator's log. */
    String summary();

    /** Create a case from the message at this alias (or catch-all). */
    record NewCase(ParsedMessage message, Alias alias, Optional<String> partnerId) implements RoutingDecision {
        public String summary() {
            return "new case at " + alias.address() + partnerId.map(p -> " for partner " + p).orElse("");
        }
    }

    /** Append the message to the history of an existing case. */
    record ReplyToCase(ParsedMessage message, long caseId, ReplyMatch matchedBy, Optional<String> partnerId)
            implements RoutingDecision {
        public String summary() {
            return "reply to case " + caseId + " (by " + matchedBy + ")";
        }
    }

    /** How a reply was linked to its case, strongest first. */
    enum ReplyMatch { REPLY_TOKEN, MESSAGE_ID, SUBJECT_TAG }

    /**
     * A delivery status notification for one of our outgoing messages (RFC 3464).
     *
     * @param outboundId     our outbox message, when we could link it (VERP token or original Message-ID)
     * @param bouncingAddress the final recipient that failed, when the report names one
     * @param permanent      true for {@code Action: failed} / status 5.x.x, false for delayed / 4.x.x
     */
    record Bounce(ParsedMessage message, Optional<String> outboundId, Optional<String> bouncingAddress,
                  boolean permanent, String status) implements RoutingDecision {
        public String summary() {
            return "bounce of message " + outboundId.orElse("?") + " for " + bouncingAddress.orElse("?")
                    + " (" + status + ")";
        }
    }

    /**
     * An attendee's answer to a meeting invitation: the message carries an iTIP REPLY (RFC 6047, RFC 5546
     * §3.2.3). The CRM applies it to the event its UID names, or records why not.
     *
     * @param calendar the {@code text/calendar} part whose METHOD is REPLY, as received (at most
     *                 {@link org.switchboard.mail.route.CalendarReplies#MAX_BYTES} bytes)
     */
    record CalendarReply(ParsedMessage message, byte[] calendar) implements RoutingDecision {
        public String summary() {
            return "calendar reply";
        }
    }

    /** Recognised as an auto-reply, list traffic or a loop: kept for the record, not turned into a case. */
    record Dropped(ParsedMessage message, String reason) implements RoutingDecision {
        public String summary() {
            return "dropped: " + reason;
        }
    }

    /** Could not be parsed or routed; the raw message stays in the spool and can be replayed after a fix. */
    record DeadLetter(Optional<ParsedMessage> message, String reason) implements RoutingDecision {
        public String summary() {
            return "dead letter: " + reason;
        }
    }
}
