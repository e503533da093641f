package org.switchboard.server.storage;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Whether a bulk import is writing on this server right now. Background work that follows those writes
 * (the CRM address book renders a vCard per new partner) waits until the import is done instead of taking
 * the second core from it: on the 2-core reference machine rendering the cards of a 100,000-row call list
 * while it was imported made the import 40 % slower, and the cards are needed only once it is done.
 * Per server: another node's import does not pause this one's followers.
 */
@Component
public class BulkWrites {
    private final AtomicInteger running = new AtomicInteger();

    /** Marks an import running until the returned handle is closed. */
    public Running begin() {
        running.incrementAndGet();
        return running::decrementAndGet;
    }

    public boolean inProgress() {
        return running.get() > 0;
    }

    /** An import in progress; closing it (once) ends it. */
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }
}
