package org.switchboard.server.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pass that background followers of the database (the occurrence index, the CRM address book) run on a
 * daemon thread of their own: once the application is ready, then again {@code interval} after each pass
 * ends. A failing pass is logged and retried at the next one; the owner starts it on ApplicationReadyEvent
 * and stops it on ContextClosedEvent.
 */
public final class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());
    private final String name;
    private final Duration interval;
    private final Runnable pass;
    private ScheduledExecutorService executor;

    public PeriodicTask(String name, Duration interval, Runnable pass) {
        this.name = name;
        this.interval = interval;
        this.pass = pass;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runSafely, 0, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void runSafely() {
        try {
            pass.run();
        } catch (RuntimeException e) {
            // a failed pass rolled back what it had not committed: the next one takes it up again
            LOG.log(Level.WARNING, name + ": pass failed, retried later", e);
        }
    }
}
