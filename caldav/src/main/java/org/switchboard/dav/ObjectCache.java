package org.switchboard.dav;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Parsed objects keyed by collection href, name and ETag: a strong ETag changes with the content,
 * so an entry never goes stale, it only stops being asked for. Bounded by dropping everything when full.
 */
public final class ObjectCache {
    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
    private final int capacity;

    public ObjectCache(int capacity) { this.capacity = capacity; }

    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> parse) {
        Object v = map.get(key);
        if (v != null) return (T) v;
        T t = parse.get();
        if (t != null) {
            if (map.size() >= capacity) map.clear();
            map.put(key, t);
        }
        return t;
    }
}
