package org.switchboard.server.api;

import java.util.List;

/**
 * One page of a list. {@code next} is an opaque keyset cursor (absent on the last page); {@code total}
 * is exact up to the configured cap, above which {@code totalCapped} is true and total is the cap.
 */
public record Page<T>(List<T> items, String next, Long total, Boolean totalCapped) {
    public static <T> Page<T> of(List<T> items, String next) {
        return new Page<>(items, next, null, null);
    }

    public Page<T> withTotal(long count, boolean capped) {
        return new Page<>(items, next, count, capped);
    }
}
