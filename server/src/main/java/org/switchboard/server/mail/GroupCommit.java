package org.switchboard.server.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers on many threads each {@link #submit} one item and wait until it is committed; one
 * committer thread takes everything that queued up while the previous commit ran and commits it together,
 * in one transaction. A commit (an fsync) per group instead of per item is what lets many SMTP sessions
 * share the database's flush rate (ADR 0010).
 *
 * <p>There is no timer: nothing waits for a group to fill. A lone item is committed at once; under load,
 * the items that arrived during one commit form the next group, so groups grow with the load by themselves.
 *
 * <p>The committer function completes each {@link Pending} (it may fail some and not others); when it
 * throws, every item of the group it left open fails with that exception. A caller that gives up waiting
 * ({@code timeout}) may still see its item committed later: the mail listener then answers 451, and the
 * client's retry is recognised as a redelivery, so nothing is lost or stored twice.
 */
final class GroupCommit<T, R> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** One submitted item and the caller waiting for it. */
    static final class Pending<T, R> {
        private final T item;
        private final CompletableFuture<R> done = new CompletableFuture<>();

        Pending(T item) {
            this.item = item;
        }

        T item() {
            return item;
        }

        void complete(R result) {
            done.complete(result);
        }

        void fail(Throwable error) {
            done.completeExceptionally(error);
        }

        /** The result once completed (tests). */
        R result() throws ExecutionException, InterruptedException {
            return done.get();
        }

        boolean isOpen() {
            return !done.isDone();
        }
    }

    private final String name;
    private final int maxGroup;
    private final Consumer<List<Pending<T, R>>> committer;
    private final BlockingQueue<Pending<T, R>> queue;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param maxGroup  most items in one transaction (bounds the transaction's size and memory)
     * @param capacity  most items waiting; beyond that {@link #submit} refuses at once
     * @param committer commits a group in one transaction and completes each of its items
     */
    GroupCommit(String name, int maxGroup, int capacity, Consumer<List<Pending<T, R>>> committer) {
        this.name = name;
        this.maxGroup = maxGroup;
        this.committer = committer;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    /** Waits until {@code item} is committed and returns the committer's result for it. */
    R submit(T item, Duration timeout) throws ExecutionException, TimeoutException, InterruptedException {
        start();
        Pending<T, R> pending = new Pending<>(item);
        if (closed || !queue.offer(pending)) {
            throw new ExecutionException(new IllegalStateException(name + ": " + (closed ? "closed" : "too many items waiting")));
        }
        return pending.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The committer thread is started on first use: a server that receives no mail runs none. */
    private synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        List<Pending<T, R>> group = new ArrayList<>(maxGroup);
        while (!closed) {
            try {
                Pending<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS); // wakes up now and then to notice close()
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, maxGroup - 1);
            try {
                committer.accept(group);
            } catch (RuntimeException | Error e) {
                log.warn("{}: a group of {} failed: {}", name, group.size(), e.toString());
                group.stream().filter(Pending::isOpen).forEach(p -> p.fail(e));
            }
            // A committer that forgot an item must not leave its caller waiting until the timeout.
            group.stream().filter(Pending::isOpen).forEach(p -> p.fail(new IllegalStateException(name + ": item not completed")));
            group.clear();
        }
        failWaiting();
    }

    private void failWaiting() {
        List<Pending<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.fail(new IllegalStateException(name + ": closed")));
    }

    /** Items submitted and not yet taken into a group. */
    int waiting() {
        return queue.size();
    }

    /** Stops the committer after its current group; items still waiting fail. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            try { // the group being committed is finished, not interrupted halfway
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failWaiting();
    }
}
