package org.switchboard.mail.poll;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.switchboard.mail.spi.InboundSpool;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/**
 * Push delivery from an IMAP mailbox with IDLE (RFC 2177): fetch what is new, IDLE until the server reports
 * a change, fetch again. IDLE is re-issued every {@code reissueEvery} (RFC 2177 §3: servers may drop an idle
 * client after 30 minutes). Same guarantees as {@link MailboxPoller}: marked seen or deleted only once stored.
 *
 * <p>{@link #run()} blocks; run it on its own thread and {@link #close()} it to stop. On a connection error
 * it throws; the caller reconnects after a pause. A server that does not announce IDLE makes it throw
 * {@link IdleNotSupportedException} before anything is fetched: the caller polls that mailbox instead.
 */
public final class ImapIdleWatch implements AutoCloseable {

    private final MailboxConfig config;
    private final MailboxPoller poller;
    private final Duration reissueEvery;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "imap-idle-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean closed;
    private volatile Folder folder;
    private volatile Store store;

    public ImapIdleWatch(MailboxConfig config, InboundSpool spool, Duration reissueEvery) {
        if (config.protocol() != MailboxConfig.Protocol.IMAP) {
            throw new IllegalArgumentException("IDLE is an IMAP extension");
        }
        this.config = config;
        this.poller = new MailboxPoller(config, spool);
        this.reissueEvery = reissueEvery;
    }

    public void run() throws MessagingException {
        running = true;
        try {
            watch();
        } catch (MessagingException | IllegalStateException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            finished.countDown();
        }
    }

    private void watch() throws MessagingException {
        try (Store connected = poller.connect()) {
            store = connected;
            if (!((IMAPStore) connected).hasCapability("IDLE")) {
                throw new IdleNotSupportedException(config.host() + " does not announce IDLE (RFC 2177)");
            }
            IMAPFolder inbox = (IMAPFolder) connected.getFolder(config.folder());
            inbox.open(Folder.READ_WRITE);
            folder = inbox;
            try {
                while (!closed) {
                    poller.fetchNew(inbox);
                    if (config.afterFetch() == MailboxConfig.AfterFetch.DELETE) {
                        inbox.expunge();
                    }
                    if (closed) {
                        break;
                    }
                    // any folder call from another thread ends the IDLE (Angus sends DONE)
                    ScheduledFuture<?> reissue;
                    try {
                        reissue = timer.schedule(this::interrupt, reissueEvery.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        break; // closed meanwhile
                    }
                    try {
                        inbox.idle(true);
                    } finally {
                        reissue.cancel(false);
                    }
                }
            } finally {
                if (inbox.isOpen()) {
                    inbox.close(false);
                }
            }
        }
    }

    private void interrupt() {
        Folder current = folder;
        if (current != null && current.isOpen()) {
            try {
                current.getMessageCount();
            } catch (MessagingException e) {
                // the watch loop sees the broken connection itself
            }
        }
    }

    /** Stops the watch and waits (up to 5 s) for {@link #run()} to return; then drops the connection. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        if (!running) {
            return;
        }
        try {
            // IDLE may not have started yet when the first interrupt arrives: repeat until run() is done
            for (int i = 0; i < 50 && !finished.await(100, TimeUnit.MILLISECONDS); i++) {
                interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Store current = store;
        if (finished.getCount() > 0 && current != null) {
            try {
                current.close();
            } catch (MessagingException e) {
                // the connection is gone either way
            }
        }
    }
}
