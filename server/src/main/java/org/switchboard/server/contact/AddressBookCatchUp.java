package org.switchboard.server.contact;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.switchboard.server.storage.BulkWrites;
import org.switchboard.server.storage.PeriodicTask;
import org.switchboard.server.web.RequestActivity;

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

    /** Rest after a batch, in multiples of the time it took: when nobody is using the server, and when someone is. */
    private static final int REST_PER_WORK = 3;
    private static final int REST_PER_WORK_WHILE_IN_USE = 15;
    private static final Duration IN_USE = Duration.ofSeconds(1);
    private final CrmAddressBook book;
    private final BulkWrites bulk;
    private final RequestActivity requests;

    AddressBookCatchUp(CrmAddressBook book, BulkWrites bulk, RequestActivity requests,
            @Value("${switchboard.contacts.catch-up-interval:PT1S}") Duration interval) {
        super("crm-address-book-catch-up", interval);
        this.book = book;
        this.bulk = bulk;
        this.requests = requests;
    }

    /**
     * Batch after batch while no import writes here, resting after each three times as long as it took (at
     * most a quarter of one core), fifteen times while requests are being served (a sixteenth): operators
     * working a freshly imported list keep their response times while its cards are rendered. On the 2-core
     * reference machine, rendering flat out doubled their claim p99, a quarter of a core still took it from
     * 8.9 to 13–14 ms; 133,000 cards then take a few minutes when the server is idle, about a quarter of an
     * hour while it is busy. A failed batch rolled back and left its rows in the queue: the next pass (or a
     * request) retries them.
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
                int rest = requests.within(IN_USE) ? REST_PER_WORK_WHILE_IN_USE : REST_PER_WORK;
                TimeUnit.NANOSECONDS.sleep(rest * (System.nanoTime() - started));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (handled >= 500) {
            LOG.info("CRM address book: rendered " + handled + " queued partner changes in the background");
        }
    }
}
