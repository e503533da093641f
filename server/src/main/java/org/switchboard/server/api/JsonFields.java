package org.switchboard.server.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON object field by field with RFC 7396 merge-patch meaning: an absent field is left alone,
 * {@code null} clears it, a value sets it. Each reader validates (type, length, range) and reports a
 * 400 naming the field; unknown fields are refused rather than silently ignored, so a typo is seen.
 * Creates and updates of a resource go through the same readers, so both validate alike.
 */
public final class JsonFields {
    private final JsonNode body;

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    public static JsonFields of(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "the request body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.invalid(name, "unknown field " + name);
            }
        }
        return new JsonFields(body);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    /** A trimmed string of at most {@code max} characters, blank meaning null. */
    public void string(String field, int max, Consumer<String> set) {
        if (!body.has(field)) {
            return;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            set.accept(null);
            return;
        }
        if (!node.isString()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        String value = node.stringValue().trim();
        if (value.length() > max) {
            throw ApiException.invalid(field, field + " is longer than " + max + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw ApiException.invalid(field, field + " contains a NUL character");
        }
        set.accept(value.isEmpty() ? null : value);
    }

    public void id(String field, Consumer<Long> set) {
        if (!body.has(field)) {
            return;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            set.accept(null);
        } else if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
            set.accept(node.longValue());
        } else {
            throw ApiException.invalid(field, field + " must be a positive integer id");
        }
    }

    /** true or false; null is refused (a flag has no "unset"). */
    public void bool(String field, Consumer<Boolean> set) {
        if (!body.has(field)) {
            return;
        }
        if (!body.get(field).isBoolean()) {
            throw ApiException.invalid(field, field + " must be true or false");
        }
        set.accept(body.get(field).booleanValue());
    }

    public void integer(String field, int min, int max, Consumer<Integer> set) {
        if (!body.has(field)) {
            return;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            set.accept(null);
        } else if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= min && node.longValue() <= max) {
            set.accept((int) node.longValue());
        } else {
            throw ApiException.invalid(field, field + " must be an integer from " + min + " to " + max);
        }
    }

    public void decimal(String field, BigDecimal min, BigDecimal max, int scale, Consumer<BigDecimal> set) {
        if (!body.has(field)) {
            return;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            set.accept(null);
            return;
        }
        BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue() : node.isString() ? new BigDecimal(node.stringValue().trim()) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0 || Math.max(value.scale(), 0) > scale) {
            throw ApiException.invalid(field, field + " must be a number from " + min.toPlainString() + " to " + max.toPlainString()
                    + " with at most " + scale + " decimals");
        }
        set.accept(value);
    }

    /** An ISO-8601 date (2026-12-31). */
    public void date(String field, Consumer<LocalDate> set) {
        string(field, 10, s -> {
            try {
                set.accept(s == null ? null : LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                throw ApiException.invalid(field, field + " must be a date like 2026-12-31");
            }
        });
    }

    /** 2026-12-01T09:30:00Z, a local date-time (server zone) as an HTML datetime-local sends, or a date (midnight). */
    public void instant(String field, Consumer<Instant> set) {
        string(field, 40, s -> set.accept(s == null ? null : parseInstant(field, s)));
    }

    /** The text of {@link #instant}, or a 400 naming {@code field}. */
    public static Instant parseInstant(String field, String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ZoneId.systemDefault()).toInstant();
                } catch (DateTimeParseException e3) {
                    throw ApiException.invalid(field, field + " must be a date-time like 2026-12-01T09:30:00Z");
                }
            }
        }
    }

    public <E extends Enum<E>> void enumeration(String field, Class<E> type, Consumer<E> set) {
        string(field, 40, s -> {
            if (s == null) {
                set.accept(null);
                return;
            }
            try {
                set.accept(Enum.valueOf(type, s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (E constant : type.getEnumConstants()) {
                    names.add(constant.name());
                }
                throw ApiException.invalid(field, field + " must be one of " + String.join(", ", names));
            }
        });
    }

    /** A list of strings, each trimmed and at most {@code max} characters, at most {@code count} of them. */
    public void strings(String field, int count, int max, Consumer<List<String>> set) {
        if (!body.has(field)) {
            return;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            set.accept(List.of());
            return;
        }
        if (!node.isArray() || node.size() > count) {
            throw ApiException.invalid(field, field + " must be an array of at most " + count + " strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString() || item.stringValue().isBlank() || item.stringValue().trim().length() > max) {
                throw ApiException.invalid(field, field + " must hold non-empty strings of at most " + max + " characters");
            }
            values.add(item.stringValue().trim());
        }
        set.accept(values);
    }

    /** The optional {@code version} field used for optimistic concurrency. */
    public Integer version() {
        JsonNode node = body.get("version");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw ApiException.invalid("version", "version must be an integer");
        }
        return node.intValue();
    }
}
