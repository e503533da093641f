package org.switchboard.server.storage;

/** Text made to fit a column for people to read: cut with an ellipsis when longer than the column. */
public final class ColumnText {
    private ColumnText() {
    }

    /** {@code text} itself when it fits, else its first {@code max - 1} characters and "…"; null stays null. */
    public static String shorten(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
