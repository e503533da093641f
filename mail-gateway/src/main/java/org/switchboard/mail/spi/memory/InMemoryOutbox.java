package org.switchboard.mail.spi.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.switchboard.mail.spi.OutboundMessage;
import org.switchboard.mail.spi.Outbox;

/** An outbox in memory with the states a durable one has: queued, claimed, sent, failed. */
public class InMemoryOutbox implements Outbox {

    public enum State { QUEUED, CLAIMED, SENT, FAILED }

    /** One entry and its state. */
    public static final class Entry {
        private OutboundMessage message;
        private State state = State.QUEUED;
        private Instant dueAt = Instant.EPOCH;
        private String messageId;
        private String lastError;

        public State state() {
            return state;
        }

        public String messageId() {
            return messageId;
        }

        public String lastError() {
            return lastError;
        }

        public Instant dueAt() {
            return dueAt;
        }

        public int attempts() {
            return message.attempts();
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public synchronized void enqueue(OutboundMessage message) {
        Entry entry = new Entry();
        entry.message = message;
        entries.put(message.id(), entry);
    }

    public synchronized Entry entry(String id) {
        return entries.get(id);
    }

    @Override
    public synchronized Optional<OutboundMessage> claimNext(Instant now) {
        for (Entry entry : entries.values()) {
            if (entry.state == State.QUEUED && !entry.dueAt.isAfter(now)) {
                entry.state = State.CLAIMED;
                return Optional.of(entry.message);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void markSent(String id, String messageId, Instant sentAt) {
        Entry entry = entries.get(id);
        entry.state = State.SENT;
        entry.messageId = messageId;
    }

    @Override
    public synchronized void markFailed(String id, String error, Optional<Instant> retryAt) {
        Entry entry = entries.get(id);
        entry.lastError = error;
        OutboundMessage m = entry.message;
        entry.message = new OutboundMessage(m.id(), m.from(), m.fromName(), m.to(), m.cc(), m.bcc(), m.subject(),
                m.textBody(), m.htmlBody(), m.caseId(), m.replyAlias(), m.inReplyTo(), m.references(), m.automated(),
                m.attachments(), m.attempts() + 1, m.calendar());
        if (retryAt.isPresent()) {
            entry.state = State.QUEUED;
            entry.dueAt = retryAt.get();
        } else {
            entry.state = State.FAILED;
        }
    }

    public synchronized List<Entry> all() {
        return new ArrayList<>(entries.values());
    }
}
