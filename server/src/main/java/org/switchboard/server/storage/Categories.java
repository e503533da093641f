package org.switchboard.server.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Categories (tags) stored in one column as {@code ,hot,vip,}: lower-cased, sorted, unique, with a comma
 * on each side so {@code LIKE '%,vip,%'} finds one exactly.
 */
public final class Categories {
    private Categories() {
    }

    public static String encode(List<String> categories) {
        if (categories == null || categories.isEmpty()) {
            return "";
        }
        TreeSet<String> unique = new TreeSet<>();
        for (String c : categories) {
            String clean = c.trim().toLowerCase(Locale.ROOT).replace(",", " ");
            if (!clean.isEmpty()) {
                unique.add(clean);
            }
        }
        return unique.isEmpty() ? "" : "," + String.join(",", unique) + ",";
    }

    public static List<String> decode(String stored) {
        if (stored == null || stored.length() < 2) {
            return List.of();
        }
        return Arrays.stream(stored.substring(1, stored.length() - 1).split(",")).filter(s -> !s.isEmpty()).toList();
    }

    /** The LIKE pattern (ESCAPE '\\') matching cases or partners tagged with this category. */
    public static String likePattern(String category) {
        return "%," + Like.escape(category.trim().toLowerCase(Locale.ROOT)) + ",%";
    }
}
