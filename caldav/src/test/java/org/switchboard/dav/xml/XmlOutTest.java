package org.switchboard.dav.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class XmlOutTest {

    @Test
    void escapesMarkupQuotesCarriageReturnsAndControls() {
        assertEquals("&quot;0af3&quot;", XmlOut.escape("\"0af3\""));
        assertEquals("a &lt;b&gt; &amp; c&#13;\nd\te", XmlOut.escape("a <b> & c\r\nd\te"));
        assertEquals("x\uFFFDy\uFFFDz\uFFFD", XmlOut.escape("x\u0001y\uFFFEz\uFFFF"));
        assertEquals("Grüße – 会議 &amp;", XmlOut.escape("Grüße – 会議 &"));
        assertEquals("&lt;&lt;", XmlOut.escape("<<"));
    }

    @Test
    void textWithoutAnythingToEscapeIsReturnedAsIs() {
        String s = "SUMMARY:Customer meeting 42 – Grüße";
        assertSame(s, XmlOut.escape(s));
    }

    @Test
    void escapeToAppendsWhatEscapeReturns() {
        for (String s : new String[] {"\"0af3\"", "a <b> & c\r\nd\te", "x\u0001y\uFFFEz\uFFFF", "Grüße – 会議 &", "<<", "plain", ""}) {
            StringBuilder sb = new StringBuilder("[");
            XmlOut.escapeTo(sb, s);
            assertEquals("[" + XmlOut.escape(s), sb.toString());
        }
    }

    @Test
    void drainToWritesTheTextSoFarAndForgetsIt() throws Exception {
        XmlOut x = new XmlOut(4).element(Ns.dav("getetag"), "\"e1\"");
        java.io.StringWriter w = new java.io.StringWriter();
        x.drainTo(w);
        assertEquals("<d:getetag>&quot;e1&quot;</d:getetag>", w.toString());
        assertEquals(0, x.length());
        x.text("Grüße – 会議 & more".repeat(5000));
        x.drainTo(w);
        assertEquals("<d:getetag>&quot;e1&quot;</d:getetag>" + "Grüße – 会議 &amp; more".repeat(5000), w.toString());
    }
}
