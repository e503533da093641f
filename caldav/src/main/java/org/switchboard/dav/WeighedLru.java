package org.switchboard.dav;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongBiFunction;

/**
 * A map bounded by the total weight of its entries, dropping first those not used for longest; an entry
 * weighing more than an eighth of the bound is not kept. Used by the caches of shaped calendar-data (ADR 0019)
 * and of expansion templates (ADR 0020), whose entries differ much in size.
 *
 * <p>"Not used for longest" is kept the way of a clock (second chance, ADR 0022): entries wait in the order
 * they were put; a lookup only sets the entry's {@code used} flag; when the bound is passed, the oldest entry is
 * dropped unless its flag is set, in which case the flag is cleared and the entry goes to the back. Why not a
 * {@link java.util.LinkedHashMap} in access order: each lookup then relinked the entry, so an expand of a month
 * wrote references into thousands of old entries, and the young collections spent most of their pauses scanning
 * the cards those writes dirtied (JFR: "ScanHR" three quarters of the pause time), besides the lock around each
 * lookup. Lookups take no lock; insertions take one.
 */
public final class WeighedLru<K, V> {
    private static final class Entry<K, V> {
        final K key;
        final V value;
        final long weight;
        /** Set by lookups, cleared by the clock: a boolean, so setting it dirties no card for the collector. */
        volatile boolean used;
        /** Replaced or dropped: left in the queue, skipped when reached. Guarded by the map's lock. */
        boolean gone;

        Entry(K key, V value, long weight) {
            this.key = key;
            this.value = value;
            this.weight = weight;
        }
    }

    private final long maxWeight;
    private final ToLongBiFunction<K, V> weigher;
    private final ConcurrentHashMap<K, Entry<K, V>> map = new ConcurrentHashMap<>(1024);
    /** Entries in the order the clock passes them, the next to look at first. Guarded by {@code this}. */
    private final ArrayDeque<Entry<K, V>> clock = new ArrayDeque<>();
    private long weight;

    public WeighedLru(long maxWeight, ToLongBiFunction<K, V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The value kept for {@code key}, or null. */
    public V get(K key) {
        Entry<K, V> e = map.get(key);
        if (e == null) return null;
        if (!e.used) e.used = true; // read first: most lookups find it set and write nothing
        return e.value;
    }

    /** Keeps {@code value} unless it alone would weigh more than an eighth of the bound. */
    public synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(key, value);
        if (w > maxWeight / 8) return;
        Entry<K, V> e = new Entry<>(key, value, w);
        Entry<K, V> old = map.put(key, e);
        if (old != null) {
            old.gone = true;
            weight -= old.weight;
            // replaced entries wait in the queue until the clock reaches them: do not let them pile up
            if (clock.size() > 2 * map.size() + 16) clock.removeIf(x -> x.gone);
        }
        clock.addLast(e);
        weight += w;
        // a second chance for each entry at most once per call (lookups may set flags meanwhile), so this ends
        int chances = clock.size();
        while (weight > maxWeight && !clock.isEmpty()) {
            Entry<K, V> next = clock.pollFirst();
            if (next.gone) continue;
            if (next.used && chances-- > 0) {
                next.used = false;
                clock.addLast(next);
            } else {
                next.gone = true;
                map.remove(next.key, next);
                weight -= next.weight;
            }
        }
    }

    /** The total weight held, as counted against the bound. */
    public synchronized long weight() { return weight; }

    public int size() { return map.size(); }
}
