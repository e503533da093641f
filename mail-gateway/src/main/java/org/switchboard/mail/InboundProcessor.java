package org.switchboard.mail;

import java.io.InputStream;
import java.util.Optional;

import org.switchboard.mail.parse.MessageParser;
import org.switchboard.mail.parse.MessageParseException;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.mail.route.MailRouter;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.mail.spi.RoutingDecision;
import org.switchboard.mail.spi.RoutingDecisionSink;

/**
 * Routes one spooled message: parse, decide, record. The server calls it for every message it claims from
 * its spool (and again for a dead letter an administrator replays).
 *
 * <p>A message that cannot be parsed becomes a dead letter; it is never dropped silently. A failing
 * directory lookup is not the message's fault: the exception propagates and the server retries later.
 */
public final class InboundProcessor {

    private final MessageParser parser;
    private final MailRouter router;
    private final RoutingDecisionSink sink;

    public InboundProcessor(MessageParser parser, MailRouter router, RoutingDecisionSink sink) {
        this.parser = parser;
        this.router = router;
        this.sink = sink;
    }

    public RoutingDecision process(String spoolId, InboundEnvelope envelope, InputStream raw) {
        RoutingDecision decision;
        try {
            ParsedMessage message = parser.parse(raw);
            decision = router.route(envelope, message);
        } catch (MessageParseException e) {
            decision = new RoutingDecision.DeadLetter(Optional.empty(), e.getMessage());
        }
        sink.record(spoolId, decision);
        return decision;
    }
}
