package org.switchboard.server.mail;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.mail.parse.Attachment;

/**
 * Attachments stored once per content (SHA-256), linked to the messages that carried them. Above the size
 * cap only the hash and size are kept; the raw message in the spool still holds every byte.
 */
@Component
class AttachmentStore {
    private final JdbcClient jdbc;
    private final MailSettings settings;

    AttachmentStore(JdbcClient jdbc, MailSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    void store(long inboundId, List<Attachment> attachments) {
        int position = 0;
        for (Attachment a : attachments) {
            byte[] content = a.content().filter(c -> c.length <= settings.maxAttachmentSize()).orElse(null);
            // ON CONFLICT DO NOTHING: a concurrent node storing the same file must not abort this transaction.
            jdbc.sql("INSERT INTO mail_attachment (sha256, content_type, size_bytes, content) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(a.sha256(), cut(a.contentType(), 200), a.size(), content).update();
            jdbc.sql("INSERT INTO mail_message_attachment (inbound_id, position, sha256, filename, inline) VALUES (?, ?, ?, ?, ?)")
                    .params(inboundId, position++, a.sha256(), cut(a.filename(), 500), a.inline()).update();
        }
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
