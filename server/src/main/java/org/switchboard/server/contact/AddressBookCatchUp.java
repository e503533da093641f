package org.switchboard.server.contact;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.switchboard.server.storage.BulkWrites;
import org.switchboard.server.storage.PeriodicTask;

/**
 * Renders the CRM address book's queued cards in the background (ADR 0014), so that no CardDAV request waits
 * for an import's thousands of cards: at start and then every {@code switchboard.contacts.catch-up-interval}
 * (default one second) it drains {@code partner_change} in batches of 500, one transaction each. An empty
 * queue costs one indexed read. Every server runs it; the collection's row lock serialises them. While
 * a bulk import writes on this server ({@link BulkWrites}) it waits, and catches up when the import is done.
 */
@Component
class AddressBookCatchUp extends PeriodicTask {
    private static final Logger LOG = Logger.getLogger(AddressBookCatchUp.class.getName());

    /** Rest after a batch, in multiples of the time it took. */
    private static final int REST_PER_WORK = 3;
    private final CrmAddressBook book;
    private final BulkWrites bulk;

    AddressBookCatchUp(CrmAddressBook book, BulkWrites bulk, @Value("${switchboard.contacts.catch-up-interval:PT1S}") Duration interval) {
        super("crm-address-book-catch-up", interval);
        this.book = book;
        this.bulk = bulk;
    }

    /**
     * Batch after batch while no import writes here, resting after each three times as long as it took: the
     * job takes at most a quarter of one core, so operators working a freshly imported list keep their
     * response times while its cards are rendered (on the 2-core reference machine, rendering flat out
     * doubled their claim p99; 133,000 cards then take a few minutes instead of one). A
     * failed batch rolled back and left its rows in the queue: the next pass (or a request) retries them.
     */
    @Override
    protected void pass() {
        int handled = 0;
        while (!bulk.inProgress() && !Thread.currentThread().isInterrupted()) {
            long started = System.nanoTime();
            int n = book.drainBatch();
            if (n == 0) {
                break;
            }
            handled += n;
            try {
                TimeUnit.NANOSECONDS.sleep(REST_PER_WORK * (System.nanoTime() - started));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (handled >= 500) {
            LOG.info("CRM address book: rendered " + handled + " queued partner changes in the background");
        }
    }
}
