package org.switchboard.server.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Keyset pagination cursor: the sort key values of the last row of a page, opaque to clients
 * (base64url of the values joined by a unit separator). Keyset, not OFFSET, so page 1,000 costs
 * what page 1 costs.
 */
public final class Cursor {
    private static final String SEPARATOR = "\u001f";

    private Cursor() {
    }

    public static String encode(Object... keys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            sb.append(keys[i] == null ? "" : keys[i].toString());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The values, or a 400 naming the {@code after} parameter when the cursor is not one of ours. */
    public static List<String> decode(String cursor, int expectedKeys) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> keys = List.of(raw.split(SEPARATOR, -1));
            if (keys.size() != expectedKeys) {
                throw new IllegalArgumentException();
            }
            return keys;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("after", "not a cursor returned by this list (sort changed?)");
        }
    }
}
