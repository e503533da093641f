package org.switchboard.server.mail;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code mail_message}: every Message-ID we received or sent, with its case, for threading replies. */
@Component
class MailThreads {
    /** References grow with every answer; the newest ones are what threading needs. */
    private static final int MAX_REFERENCES = 20;
    private final JdbcClient jdbc;

    MailThreads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void received(String messageId, Long caseId, long inboundId) {
        jdbc.sql("INSERT INTO mail_message (message_id, case_id, inbound_id) VALUES (?, ?, ?)").params(messageId, caseId, inboundId).update();
    }

    void sent(String messageId, long caseId, long outboxId) {
        jdbc.sql("INSERT INTO mail_message (message_id, case_id, outbox_id) VALUES (?, ?, ?)").params(messageId, caseId, outboxId).update();
    }

    /** The case most recently linked to any of these Message-IDs. */
    Optional<Long> caseOf(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT case_id FROM mail_message WHERE message_id IN (:ids) AND case_id IS NOT NULL ORDER BY id DESC LIMIT 1")
                .param("ids", List.copyOf(messageIds)).query(Long.class).optional();
    }

    boolean isLogged(long caseId, String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_message WHERE message_id = ? AND case_id = ?").params(messageId, caseId)
                .query(Long.class).single() > 0;
    }

    /** The case's Message-IDs, oldest first, at most the newest {@value #MAX_REFERENCES}. */
    List<String> thread(long caseId) {
        List<String> newestFirst = jdbc.sql("SELECT message_id FROM mail_message WHERE case_id = ? ORDER BY id DESC LIMIT " + MAX_REFERENCES)
                .param(caseId).query(String.class).list();
        List<String> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
