package org.switchboard.dav.xml;

import javax.xml.namespace.QName;

/** A tiny streaming XML writer for DAV bodies; names in known namespaces get the fixed prefixes of {@link Ns}. */
public final class XmlOut {
    private final StringBuilder sb;

    public XmlOut() { this(256); }

    /** With room for {@code capacity} characters: a fragment known to be short need not take the default. */
    public XmlOut(int capacity) { sb = new StringBuilder(capacity); }

    /** Starts a document whose root declares all known namespace prefixes. */
    public static XmlOut document(QName root) {
        XmlOut x = new XmlOut();
        x.sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
        x.sb.append(tag(root)).append(Ns.DECLARATIONS);
        if (Ns.prefix(root.getNamespaceURI()) == null) x.sb.append(" xmlns:x=\"").append(escape(root.getNamespaceURI())).append('"');
        x.sb.append('>');
        return x;
    }

    private static final java.util.concurrent.ConcurrentHashMap<QName, String> TAGS = new java.util.concurrent.ConcurrentHashMap<>();

    public static String tag(QName n) {
        String t = TAGS.get(n);
        if (t != null) return t;
        String p = Ns.prefix(n.getNamespaceURI());
        t = p == null ? "x:" + n.getLocalPart() : p + ":" + n.getLocalPart();
        if (p != null && TAGS.size() < 1000) TAGS.put(n, t);
        return t;
    }

    public XmlOut open(QName n) {
        if (Ns.prefix(n.getNamespaceURI()) == null) {
            sb.append("<x:").append(n.getLocalPart()).append(" xmlns:x=\"").append(escape(n.getNamespaceURI())).append("\">");
        } else {
            sb.append('<').append(tag(n)).append('>');
        }
        return this;
    }

    public XmlOut close(QName n) { sb.append("</").append(tag(n)).append('>'); return this; }

    public XmlOut empty(QName n) {
        if (n.getNamespaceURI().isEmpty()) {
            // no namespace (a client's property "foo" in xmlns=""): documents declare no default namespace
            sb.append('<').append(n.getLocalPart()).append("/>");
        } else if (Ns.prefix(n.getNamespaceURI()) == null) {
            sb.append("<x:").append(n.getLocalPart()).append(" xmlns:x=\"").append(escape(n.getNamespaceURI())).append("\"/>");
        } else {
            sb.append('<').append(tag(n)).append("/>");
        }
        return this;
    }

    public XmlOut text(String s) { escapeTo(sb, s); return this; }

    /** Appends already well-formed XML (from {@link #toFragment()}). */
    public XmlOut raw(String xml) { sb.append(xml); return this; }

    /**
     * Well-formed XML that writes itself into a document instead of being a String first: an expanded
     * calendar-data element is kilobytes, thousands of them per report (ADR 0022).
     */
    public interface Fragment {
        void appendTo(StringBuilder sb);
    }

    public XmlOut raw(Fragment xml) { xml.appendTo(sb); return this; }

    public XmlOut element(QName n, String text) {
        if (text == null) return empty(n);
        return open(n).text(text).close(n);
    }

    public XmlOut attrElement(QName n, String attr, String value) {
        sb.append('<').append(tag(n)).append(' ').append(attr).append("=\"");
        escapeTo(sb, value);
        sb.append("\"/>");
        return this;
    }

    public String finish(QName root) { close(root); return sb.toString(); }

    /** How many characters are buffered. */
    public int length() { return sb.length(); }

    /** The text written so far, which is then forgotten: lets a long document be sent in pieces. */
    public String drain() {
        String s = sb.toString();
        sb.setLength(0);
        return s;
    }

    public String toFragment() { return sb.toString(); }

    /** Reused by {@link #drainTo}. */
    private char[] chunk;

    /**
     * Writes the text written so far to {@code w} and forgets it, like {@link #drain()} but through one reused
     * array: a streamed report of megabytes made a String of each 64 KB piece (ADR 0022).
     */
    public void drainTo(java.io.Writer w) throws java.io.IOException {
        int n = sb.length();
        if (chunk == null || chunk.length < n) chunk = new char[Math.max(n, 1 << 16)];
        sb.getChars(0, n, chunk, 0);
        w.write(chunk, 0, n);
        sb.setLength(0);
    }

    /** The ASCII characters {@link #escape} replaces: markup, quote, CR and the C0 controls XML cannot carry. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c = 0; c < 0x20; c++) SPECIAL[c] = c != '\t' && c != '\n';
        for (char c : "<>&\"".toCharArray()) SPECIAL[c] = true;
    }

    /**
     * Escapes text and attribute values. Runs of characters that need nothing are copied whole (an ETag
     * is quoted: copying it char by char was half of a PROPFIND's time, ADR 0019).
     */
    public static String escape(String s) {
        int first = firstSpecial(s);
        if (first < 0) return s;
        StringBuilder out = new StringBuilder(s.length() + 16);
        escapeFrom(out, s, first);
        return out.toString();
    }

    /**
     * Appends {@code s} escaped as {@link #escape} does, without an intermediate String: an ETag is quoted,
     * so each getetag of a report needed a StringBuilder and a String of its own before (ADR 0022).
     */
    public static void escapeTo(StringBuilder out, String s) {
        int first = firstSpecial(s);
        if (first < 0) out.append(s);
        else escapeFrom(out, s, first);
    }

    private static boolean special(char c) {
        return c < 128 ? SPECIAL[c] : c >= '\uFFFE'; // beyond ASCII only U+FFFE/U+FFFF need anything
    }

    /** The index of the first character to replace, or -1. */
    private static int firstSpecial(String s) {
        for (int i = 0; i < s.length(); i++) if (special(s.charAt(i))) return i;
        return -1;
    }

    /** Appends {@code s} escaped, its first character to replace being at {@code first}. */
    private static void escapeFrom(StringBuilder out, String s, int first) {
        int copied = 0; // s[0, copied) is in out
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!special(c)) continue;
            String r = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\r' -> "&#13;";
                // XML 1.0 has no way to carry other C0 controls (or U+FFFE/U+FFFF): replace them
                default -> "\uFFFD";
            };
            out.append(s, copied, i).append(r);
            copied = i + 1;
        }
        out.append(s, copied, s.length());
    }
}
