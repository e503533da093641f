package org.switchboard.server.opportunity;

import java.math.BigDecimal;
import java.util.List;

import org.switchboard.server.api.Cursor;

/**
 * The orders a list can be sorted in, each with its keyset condition: rows strictly after the cursor's
 * (key, id). Every key column is NOT NULL so the comparison needs no NULL cases.
 */
public enum ListSort {
    NEWEST("c.id DESC", "c.id < ?"),
    OLDEST("c.id ASC", "c.id > ?"),
    NAME("c.name ASC, c.id ASC", "(c.name > ? OR (c.name = ? AND c.id > ?))"),
    REVENUE("c.expected_revenue DESC, c.id DESC", "(c.expected_revenue < ? OR (c.expected_revenue = ? AND c.id < ?))"),
    PRIORITY("c.priority DESC, c.id DESC", "(c.priority < ? OR (c.priority = ? AND c.id < ?))");

    private final String orderBy;
    private final String after;

    ListSort(String orderBy, String after) {
        this.orderBy = orderBy;
        this.after = after;
    }

    String orderBy() {
        return orderBy;
    }

    String after() {
        return after;
    }

    private boolean keyed() {
        return this == NAME || this == REVENUE || this == PRIORITY;
    }

    /** How many values the cursor of this order holds. */
    int cursorKeys() {
        return keyed() ? 2 : 1;
    }

    String cursorAfter(Opportunity last) {
        return switch (this) {
            case NEWEST, OLDEST -> Cursor.encode(last.id());
            case NAME -> Cursor.encode(last.name(), last.id());
            case REVENUE -> Cursor.encode(last.expectedRevenue().toPlainString(), last.id());
            case PRIORITY -> Cursor.encode(last.priority(), last.id());
        };
    }

    List<Object> cursorParams(List<String> keys) {
        try {
            long id = Long.parseLong(keys.get(keys.size() - 1));
            return switch (this) {
                case NEWEST, OLDEST -> List.of(id);
                case NAME -> List.of(keys.get(0), keys.get(0), id);
                case REVENUE -> List.of(new BigDecimal(keys.get(0)), new BigDecimal(keys.get(0)), id);
                case PRIORITY -> List.of(Integer.parseInt(keys.get(0)), Integer.parseInt(keys.get(0)), id);
            };
        } catch (NumberFormatException e) {
            throw org.switchboard.server.api.ApiException.invalid("after", "not a cursor returned by this list (sort changed?)");
        }
    }
}
