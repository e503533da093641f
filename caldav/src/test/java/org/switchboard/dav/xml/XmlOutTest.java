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
}
