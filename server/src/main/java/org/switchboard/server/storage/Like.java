package org.switchboard.server.storage;

/** LIKE patterns with the user's text escaped (backslash is the ESCAPE character in our SQL). */
public final class Like {
    private Like() {
    }

    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Matches values containing the text. */
    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }
}
