package org.switchboard.server.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A background follower of the database (the occurrence index, the CRM address book): its {@link #pass} runs
 * on a daemon thread of its own once the application is ready, then again {@code interval} after each pass
 * ends, until the context closes. A failing pass is logged and retried at the next one. Subclasses are
 * Spring beans; the events start and stop them.
 */
public abstract class PeriodicTask implements ApplicationListener<ApplicationEvent> {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());
    private final String name;
    private final Duration interval;
    private ScheduledExecutorService executor;

    protected PeriodicTask(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One pass over what is waiting; runs on the task's thread only. */
    protected abstract void pass();

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationReadyEvent) {
            start();
        } else if (event instanceof ContextClosedEvent) {
            stop();
        }
    }

    private synchronized void start() {
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

    private synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void runSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            // a failed pass rolled back what it had not committed: the next one takes it up again
            LOG.log(Level.WARNING, name + ": pass failed, retried later", e);
        }
    }
}
