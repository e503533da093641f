package org.switchboard.dav;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * A map bounded by the total weight of its entries, the least recently used dropped first; an entry
 * weighing more than an eighth of the bound is not kept. One lock around a {@link LinkedHashMap} in access
 * order: a caller holds it for one lookup or insertion at a time. Used by the caches of shaped
 * calendar-data (ADR 0019) and of expansion templates (ADR 0020), whose entries differ much in size.
 */
public final class WeighedLru<K, V> {
    private final long maxWeight;
    private final ToLongBiFunction<K, V> weigher;
    private long weight;
    // access order: iteration starts at the least recently used entry
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(1024, 0.75f, true);

    public WeighedLru(long maxWeight, ToLongBiFunction<K, V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The value kept for {@code key}, or null. */
    public synchronized V get(K key) { return map.get(key); }

    /** Keeps {@code value} unless it alone would weigh more than an eighth of the bound. */
    public synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(key, value);
        if (w > maxWeight / 8) return;
        V old = map.put(key, value);
        if (old != null) weight -= weigher.applyAsLong(key, old);
        weight += w;
        Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            Map.Entry<K, V> e = eldest.next();
            weight -= weigher.applyAsLong(e.getKey(), e.getValue());
            eldest.remove();
        }
    }

    /** The total weight held, as counted against the bound. */
    public synchronized long weight() { return weight; }

    public synchronized int size() { return map.size(); }
}
