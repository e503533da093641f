package org.switchboard.mail.spi.memory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.mail.spi.InboundSpool;
import org.switchboard.mail.spi.SpoolReceipt;
import org.switchboard.mail.spi.SpoolUnavailableException;

/** A spool in memory, for tests and demos. Recognises redeliveries like a real one must. */
public class InMemoryInboundSpool implements InboundSpool {

    /** One stored message. */
    public record Spooled(String spoolId, InboundEnvelope envelope, byte[] raw) {
        public String text() {
            return new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final List<Spooled> stored = new ArrayList<>();
    private final Map<String, String> byRedeliveryKey = new HashMap<>();
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private int storeCalls;

    /** While set, every {@link #store} fails as a database outage would. */
    public void setUnavailable(boolean value) {
        unavailable.set(value);
    }

    @Override
    public synchronized SpoolReceipt store(InboundEnvelope envelope, InputStream raw) throws SpoolUnavailableException {
        storeCalls++;
        if (unavailable.get()) {
            throw new SpoolUnavailableException("spool is unavailable");
        }
        String key = envelope.redeliveryKey() + "|" + String.join(",", envelope.recipients());
        String existing = byRedeliveryKey.get(key);
        if (existing != null) {
            return new SpoolReceipt(existing, true);
        }
        byte[] bytes;
        try {
            bytes = raw.readAllBytes();
        } catch (IOException e) {
            throw new SpoolUnavailableException("could not read message", e);
        }
        String id = "m" + (stored.size() + 1);
        stored.add(new Spooled(id, envelope, bytes));
        byRedeliveryKey.put(key, id);
        return new SpoolReceipt(id, false);
    }

    public synchronized List<Spooled> messages() {
        return List.copyOf(stored);
    }

    public synchronized int storeCalls() {
        return storeCalls;
    }
}
