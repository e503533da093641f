package org.switchboard.server.dav;

import java.util.OptionalLong;

/**
 * Sync tokens (RFC 6578 §3.2: a URI) naming a collection row and a position in its change log. The row
 * id makes a token of a deleted and re-created collection invalid instead of silently wrong.
 */
final class SyncTokens {
    private static final String PREFIX = "urn:switchboard:sync:";

    private SyncTokens() {
    }

    static String of(long collectionId, long seq) {
        return PREFIX + collectionId + ":" + seq;
    }

    /** True for tokens of stored collections (rows of dav_collection), false for computed ones. */
    static boolean isStored(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** The collection row a token of {@link #of} names (the engine hands tokens back with every collection). */
    static long collectionId(String token) {
        int end = token.lastIndexOf(':');
        return Long.parseLong(token.substring(PREFIX.length(), end));
    }

    /** The position in the log a token of {@link #of} names. */
    static long seq(String token) {
        return Long.parseLong(token.substring(token.lastIndexOf(':') + 1));
    }

    /** The position a token names in this collection's log, or empty for a token of anything else. */
    static OptionalLong position(String token, long collectionId) {
        String p = PREFIX + collectionId + ":";
        if (token == null || !token.startsWith(p) || token.length() > p.length() + 19) {
            return OptionalLong.empty();
        }
        try {
            long seq = Long.parseLong(token.substring(p.length()));
            return seq < 0 ? OptionalLong.empty() : OptionalLong.of(seq);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
