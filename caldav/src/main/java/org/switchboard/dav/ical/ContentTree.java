package org.switchboard.dav.ical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of an iCalendar object as a tree of BEGIN/END blocks holding unfolded content lines
 * (RFC 5545 §3.1). Used to cut and re-assemble {@code calendar-data} without re-serialising
 * what the client wrote.
 */
public final class ContentTree {
    private ContentTree() {}

    /** A component: its name, and items that are either {@link String} lines or nested {@link Block}s. */
    public record Block(String name, List<Object> items) {
        public List<Block> blocks() {
            List<Block> out = new ArrayList<>();
            for (Object o : items) if (o instanceof Block b) out.add(b);
            return out;
        }

        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (Object o : items) if (o instanceof String s) out.add(s);
            return out;
        }
    }

    /** Parses the text; returns the outermost block (VCALENDAR). */
    public static Block parse(String text) {
        List<String> lines = unfold(text);
        Block root = new Block("", new ArrayList<>());
        List<Block> stack = new ArrayList<>();
        stack.add(root);
        for (String line : lines) {
            String name = name(line);
            if (name.equals("BEGIN")) {
                Block b = new Block(value(line).toUpperCase(Locale.ROOT), new ArrayList<>());
                stack.get(stack.size() - 1).items().add(b);
                stack.add(b);
            } else if (name.equals("END")) {
                if (stack.size() > 1) stack.remove(stack.size() - 1);
            } else {
                stack.get(stack.size() - 1).items().add(line);
            }
        }
        List<Block> top = root.blocks();
        return top.isEmpty() ? new Block("VCALENDAR", new ArrayList<>()) : top.get(0);
    }

    public static List<String> unfold(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        int n = text.length();
        int start = 0;
        while (start <= n) {
            // the next physical line ends at CRLF, LF or CR (a hand-written split: the regex was a tenth of expand)
            int end = start;
            while (end < n && text.charAt(end) != '\r' && text.charAt(end) != '\n') end++;
            if (end > start && (text.charAt(start) == ' ' || text.charAt(start) == '\t') && cur != null) {
                cur.append(text, start + 1, end);
            } else {
                if (cur != null && cur.length() > 0) out.add(cur.toString());
                cur = new StringBuilder(end - start + 16).append(text, start, end);
            }
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') end++;
            start = end + 1;
        }
        if (cur != null && cur.length() > 0) out.add(cur.toString());
        return out;
    }

    /** The upper-cased property name of a content line (before the first ';' or ':'). */
    public static String name(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != ';' && line.charAt(i) != ':') i++;
        String n = line.substring(0, i).toUpperCase(Locale.ROOT);
        int dot = n.indexOf('.');
        return dot >= 0 ? n.substring(dot + 1) : n; // vCard groups: item1.EMAIL
    }

    /** The value after the first ':' that is outside a quoted parameter value. */
    public static String value(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == ':' && !quoted) return line.substring(i + 1);
        }
        return "";
    }

    public static String serialize(Block b) {
        StringBuilder sb = new StringBuilder(1024);
        write(b, sb);
        return sb.toString();
    }

    private static void write(Block b, StringBuilder sb) {
        fold("BEGIN:" + b.name(), sb);
        for (Object o : b.items()) {
            if (o instanceof Block c) write(c, sb);
            else fold((String) o, sb);
        }
        fold("END:" + b.name(), sb);
    }

    /** RFC 5545 §3.1: lines longer than 75 octets are folded, never inside a UTF-8 sequence. */
    static void fold(String line, StringBuilder sb) {
        if (line.length() <= 75 && isAscii(line)) {
            sb.append(line).append("\r\n"); // nothing to fold: most lines
            return;
        }
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // UTF-8 length
            if (octets + n > limit) {
                sb.append("\r\n ");
                octets = 1;
            }
            sb.appendCodePoint(cp);
            octets += n;
            i += Character.charCount(cp);
        }
        sb.append("\r\n");
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }
}
