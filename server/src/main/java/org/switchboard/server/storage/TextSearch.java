package org.switchboard.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * The one place where text search differs by database. PostgreSQL: every word the user typed must be a
 * word of the case's search text (a word ending in {@code *} is a prefix), answered by a GIN full-text
 * index; see ADR 0003 for why whole words. H2, the demo-sized default: a substring match by LIKE.
 */
@Component
public class TextSearch {
    private final boolean postgres;

    public TextSearch(Database database) {
        postgres = database.postgres();
    }

    /**
     * A SQL condition with one parameter on the search columns of the table aliased {@code alias}:
     * {@code search_text} everywhere, and its stored {@code search_vector} on PostgreSQL.
     */
    public String condition(String alias) {
        return postgres ? alias + ".search_vector @@ to_tsquery('simple', ?)" : alias + ".search_text LIKE ? ESCAPE '\\'";
    }

    /** The parameter for {@link #condition}, or null when the text holds nothing to search for. */
    public String parameter(String text) {
        String lower = text.toLowerCase(Locale.ROOT).trim();
        if (!postgres) {
            return lower.isEmpty() ? null : Like.contains(lower);
        }
        List<String> terms = new ArrayList<>();
        for (String word : lower.split("[\\s@]+")) {
            boolean prefix = word.endsWith("*");
            String clean = word.replaceAll("[^\\p{L}\\p{N}._-]", "");
            if (!clean.isEmpty()) {
                terms.add("'" + clean + "'" + (prefix ? ":*" : ""));
            }
        }
        return terms.isEmpty() ? null : String.join(" & ", terms);
    }

    /**
     * The text stored for searching: the parts lower-cased, and the email also split at '@' and at dots so
     * that "anna", "acme", "acme.example" and "anna@acme.example" all find it.
     */
    public static String document(String name, String partnerName, String contactName, String email) {
        String emailWords = email == null ? null : email.replace('@', ' ') + " " + email.replaceAll("[@.]", " ");
        return join(name, partnerName, contactName, email, emailWords);
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                sb.append(sb.isEmpty() ? "" : " ").append(part.toLowerCase(Locale.ROOT));
            }
        }
        String text = sb.toString();
        return text.length() <= 700 ? text : text.substring(0, 700);
    }
}
