package org.switchboard.server.mail;

import org.springframework.stereotype.Component;
import org.switchboard.server.web.LastActivity;

/**
 * When this node last stored an incoming message. While mail is arriving, routing waits (within a bound,
 * {@code switchboard.mail.routing-yield}) and leaves the cores to accepting it: the sending server waits for
 * our 250, the lead can be made a few seconds later (ADR 0026).
 */
@Component
class MailArrivals extends LastActivity {
}
