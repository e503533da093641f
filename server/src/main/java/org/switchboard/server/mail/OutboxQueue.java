package org.switchboard.server.mail;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Puts a message into the outbox ({@code outbox_message}), in the caller's transaction: the one way the
 * CRM sends mail (a salesperson's answer from a case, a meeting invitation). The Message-ID is fixed by the
 * outbox id now, so a reply threads on the case before the message has even left; the
 * {@link org.switchboard.mail.outbound.OutboxSender} sends it later, with retries.
 */
@Component
public class OutboxQueue {
    private final JdbcClient jdbc;
    private final MailThreads threads;
    private final MailSettings settings;

    OutboxQueue(JdbcClient jdbc, MailThreads threads, MailSettings settings) {
        this.jdbc = jdbc;
        this.threads = threads;
        this.settings = settings;
    }

    /**
     * An outgoing message; addresses already checked and normalised by the caller.
     *
     * @param caseId     the case it belongs to (its Reply-To then carries the case's reply token), or null
     * @param replyAlias the alias the reply token is built on, or null
     * @param calendar   an iTIP message sent beside the text (iMIP), or null
     */
    public record NewMessage(Long caseId, Long authorId, String from, String fromName, List<String> to, List<String> cc, String subject,
            String body, String replyAlias, String inReplyTo, List<String> references, Calendar calendar) {
    }

    /** An iTIP method (REQUEST, CANCEL) and the iCalendar text whose METHOD it is. */
    public record Calendar(String method, String ics) {
        byte[] bytes() {
            return ics.getBytes(StandardCharsets.UTF_8);
        }
    }

    public record Queued(long id, String messageId) {
    }

    /** Whether the gateway sends at all (switchboard.mail.enabled); nothing queued is sent otherwise. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The address mail goes out from when nothing better is known (switchboard.mail.default-from), may be blank. */
    public String defaultFrom() {
        return settings.defaultFrom();
    }

    public Queued queue(NewMessage m) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO outbox_message (case_id, author_id, from_address, from_name, to_addresses, cc_addresses, subject, body_text,
                    reply_alias, in_reply_to, refs, message_id, retry_at, calendar_method, calendar_data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)""")
                .params(m.caseId(), m.authorId(), m.from(), m.fromName() == null ? "" : m.fromName(), String.join("\n", m.to()),
                        String.join("\n", m.cc()), m.subject(), m.body(), m.replyAlias(), m.inReplyTo(), String.join("\n", m.references()),
                        OffsetDateTime.now(ZoneOffset.UTC), m.calendar() == null ? null : m.calendar().method(),
                        m.calendar() == null ? null : m.calendar().ics())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        // The same form MessageComposer gives it: known now, so a reply can thread before the message is even sent.
        String messageId = "outbox-" + id + "@" + settings.hostname();
        jdbc.sql("UPDATE outbox_message SET message_id = ? WHERE id = ?").params(messageId, id).update();
        if (m.caseId() != null) {
            threads.sent(messageId, m.caseId(), id);
        }
        return new Queued(id, messageId);
    }
}
