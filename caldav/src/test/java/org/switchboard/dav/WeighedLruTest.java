package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded cache of templates and shaped calendar-data: a clock that spares the entries used (ADR 0022). */
class WeighedLruTest {
    static WeighedLru<String, String> lru(long bound) {
        return new WeighedLru<>(bound, (k, v) -> v.length());
    }

    @Test
    void anEntryUsedSinceTheLastPassStaysAndTheOldestUnusedGoes() {
        WeighedLru<String, String> lru = lru(400); // eight entries of 50
        for (String k : List.of("a", "b", "c", "d", "e", "f", "g", "h")) lru.put(k, "x".repeat(50));
        assertNotNull(lru.get("a"));
        lru.put("i", "x".repeat(50)); // over the bound: "a" was used, "b" was not
        assertNull(lru.get("b"));
        assertNotNull(lru.get("a"));
        assertNotNull(lru.get("c"));
        assertEquals(400, lru.weight());
        // "a" and "c" used, "d" not: it goes next, then "e", never used
        lru.put("j", "x".repeat(50));
        assertNull(lru.get("d"));
        lru.put("k", "x".repeat(50));
        assertNull(lru.get("e"));
        assertNotNull(lru.get("a"));
        assertEquals(8, lru.size());
    }

    @Test
    void everyEntryUsedStillKeepsTheBound() {
        WeighedLru<String, String> lru = lru(1000);
        for (int i = 0; i < 100; i++) {
            lru.put("k" + i, "x".repeat(100));
            for (int j = 0; j <= i; j++) lru.get("k" + j);
            assertTrue(lru.weight() <= 1000, "weight " + lru.weight());
        }
        assertEquals(10, lru.size());
    }

    @Test
    void replacingOneKeyAgainAndAgainCountsItOnce() {
        WeighedLru<String, String> lru = lru(10_000);
        for (int i = 0; i < 100_000; i++) lru.put("same", "v" + (i % 10));
        assertEquals(1, lru.size());
        assertEquals(2, lru.weight());
        assertEquals("v9", lru.get("same"));
    }

    @Test
    void concurrentLookupsAndInsertionsKeepTheBound() throws Exception {
        WeighedLru<Integer, String> lru = new WeighedLru<>(50_000, (k, v) -> v.length());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    int k = (i * 31 + seed * 7) % 3000;
                    String v = lru.get(k);
                    if (v == null) lru.put(k, "x".repeat(50 + k % 100));
                    else assertEquals(50 + k % 100, v.length());
                }
            }));
        }
        for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        assertTrue(lru.weight() <= 50_000, "weight " + lru.weight());
        assertTrue(lru.size() > 300, "entries " + lru.size());
    }
}
