package org.switchboard.server.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a submitted HTML form into the JSON object the API would receive, so the UI and the API share one
 * validation path. Empty inputs become null (clear the field); numbers stay text when they do not parse
 * so the JSON readers report them by field name.
 */
public final class FormJson {
    private FormJson() {
    }

    public static ObjectNode of(Map<String, String> form, Set<String> fields, Set<String> numbers, Set<String> lists) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            if (!form.containsKey(field)) {
                continue;
            }
            String value = form.get(field).trim();
            if (value.isEmpty()) {
                node.putNull(field);
            } else if (lists.contains(field)) {
                ArrayNode array = node.putArray(field);
                Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(array::add);
            } else if (numbers.contains(field)) {
                try {
                    node.put(field, new BigDecimal(value));
                } catch (NumberFormatException e) {
                    node.put(field, value);
                }
            } else {
                node.put(field, value);
            }
        }
        return node;
    }
}
