package org.switchboard.server.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.mail.parse.Mailbox;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.storage.ColumnText;
import org.switchboard.server.storage.Sha256;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A message kept on a case, the same whichever way it came: by the gateway ({@link CaseMailSink}) or
 * handed in by a user from a mail add-in. The raw message is in {@code inbound_message}, its EMAIL_IN
 * history entry shows it, its Message-ID threads later replies, its attachments are stored once per content.
 */
@Component
public class CaseMessages {
    /** The {@code transport} of a message a user handed in (the gateway's are SMTP, LMTP, IMAP, POP3). */
    static final String HANDED_IN = "ADD-IN";
    /** What fits the spool's recipients column (addresses of at most 254 characters). */
    private static final int MAX_RECIPIENTS_KEPT = 70;
    private final JdbcClient jdbc;
    private final OpportunityService cases;
    private final MailThreads threads;
    private final AttachmentStore attachments;
    private final DatabaseInboundSpool spool;

    CaseMessages(JdbcClient jdbc, OpportunityService cases, MailThreads threads, AttachmentStore attachments, DatabaseInboundSpool spool) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.threads = threads;
        this.attachments = attachments;
        this.spool = spool;
    }

    /**
     * The fields of a new case made from a message, as the case API reads them: named after the subject,
     * described by the text, with the partner given, else the sender's name and address on the lead.
     */
    public static ObjectNode caseFields(ParsedMessage m, String type, Long teamId, Optional<Long> partnerId) {
        return caseFields(m, m.from(), type, teamId, partnerId);
    }

    /** The same, for the customer {@code customer} of the message (not always its sender: see the add-ins). */
    public static ObjectNode caseFields(ParsedMessage m, Optional<Mailbox> customer, String type, Long teamId, Optional<Long> partnerId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", type);
        body.put("name", ColumnText.shorten(m.subject().isBlank() ? "(no subject)" : m.subject().strip(), 200));
        if (teamId != null) {
            body.put("teamId", teamId);
        }
        partnerId.ifPresent(id -> body.put("partnerId", id));
        // Also with a partner: linked by its domain, the partner is only the company and the sender is who
        // wrote. Linked by the address, the contact's own name replaces this one when the case is saved.
        customer.ifPresent(from -> {
            if (!from.name().isBlank()) {
                body.put("contactName", ColumnText.shorten(from.name(), 200));
            }
            if (EmailAddress.isValid(from.address()) && from.address().length() <= 254) {
                body.put("email", from.address());
            }
        });
        if (!m.textBody().isBlank()) {
            body.put("description", ColumnText.shorten(m.textBody().strip(), 100_000));
        }
        return body;
    }

    /** The EMAIL_IN entry holding the message, its Message-ID for threading, its attachments. */
    public void log(SwitchboardUser author, Opportunity c, long inboundId, ParsedMessage m) {
        String from = m.from().map(CaseMessages::show).orElse("unknown sender");
        cases.record(author, c, HistoryKind.EMAIL_IN, ColumnText.shorten("Email from " + from + ": " + m.subject(), 1000),
                ColumnText.shorten(MessageText.of(m), 100_000), List.of());
        m.messageId().ifPresent(id -> threads.received(ColumnText.shorten(id, 998), c.id(), inboundId));
        attachments.store(inboundId, m.attachments());
    }

    /**
     * Keeps a message a user handed in on case {@code caseId}: stored like received mail (but already
     * routed, so the gateway never routes it), with a decision naming who logged it, then logged on the case.
     * Call inside the transaction that made or checked the case.
     */
    public void handIn(SwitchboardUser user, Opportunity c, byte[] raw, ParsedMessage m) {
        List<String> recipients = new ArrayList<>();
        m.to().forEach(box -> recipients.add(box.address()));
        m.cc().forEach(box -> recipients.add(box.address()));
        if (recipients.size() > MAX_RECIPIENTS_KEPT) {
            recipients.subList(MAX_RECIPIENTS_KEPT, recipients.size()).clear(); // the raw message keeps them all
        }
        String sha256 = Sha256.hex(raw);
        InboundEnvelope envelope = new InboundEnvelope(m.from().map(Mailbox::address), recipients, HANDED_IN,
                "add-in of " + user.username(), m.messageId(), sha256, raw.length, Instant.now());
        // The case is part of the key: the same message may be logged on two cases, once on each.
        long inboundId = spool.insertRouted(envelope, "case:" + c.id() + "|" + envelope.redeliveryKey(), raw);
        jdbc.sql("INSERT INTO routing_decision (inbound_id, kind, case_id, summary) VALUES (?, 'HANDED_IN', ?, ?)")
                .params(inboundId, c.id(), ColumnText.shorten("logged on case " + c.id() + " by " + user.username() + " from a mail add-in", 2000))
                .update();
        log(user, c, inboundId, m);
    }

    /** The case most recently linked to any of these Message-IDs (without angle brackets). */
    public Optional<Long> caseOfThread(Collection<String> messageIds) {
        return threads.caseOf(messageIds);
    }

    /** Whether this Message-ID is already logged on this case. */
    public boolean isLogged(long caseId, String messageId) {
        return threads.isLogged(caseId, messageId);
    }

    static String show(Mailbox box) {
        return box.name().isBlank() ? box.address() : box.name() + " <" + box.address() + ">";
    }
}
