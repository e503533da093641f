package org.switchboard.dav.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unfolding and folding of content lines (RFC 5545 §3.1), which calendar-data shaping relies on. */
class ContentTreeTest {

    @Test
    void unfoldsCrlfLfAndCrLineEndsAndContinuationLines() {
        String text = "BEGIN:VCALENDAR\r\nSUMMARY:Long sum\r\n mary\r\n\tgoes on\nLOCATION:Room 1\rDESCRIPTION:a\r\n\r\n"
                + " orphan continuation\r\nEND:VCALENDAR";
        assertEquals(List.of("BEGIN:VCALENDAR", "SUMMARY:Long summarygoes on", "LOCATION:Room 1", "DESCRIPTION:a",
                "orphan continuation", "END:VCALENDAR"), ContentTree.unfold(text));
        assertEquals(List.of("X:1"), ContentTree.unfold("X:1\r\n"));
        assertEquals(List.of(), ContentTree.unfold(""));
        assertEquals(List.of("A:1", "B:2"), ContentTree.unfold("A:1\r\r\nB:2\n"));
    }

    @Test
    void foldsAt75OctetsNeverInsideAUtf8Sequence() {
        StringBuilder sb = new StringBuilder();
        ContentTree.fold("SUMMARY:short", sb);
        assertEquals("SUMMARY:short\r\n", sb.toString());

        String ascii75 = "DESCRIPTION:" + "x".repeat(63);
        sb.setLength(0);
        ContentTree.fold(ascii75, sb);
        assertEquals(ascii75 + "\r\n", sb.toString());

        sb.setLength(0);
        ContentTree.fold(ascii75 + "y", sb);
        assertEquals(ascii75 + "\r\n y\r\n", sb.toString());

        // 74 octets then a two-octet letter: it moves to the next line whole
        String umlaut = "DESCRIPTION:" + "x".repeat(62) + "ü";
        sb.setLength(0);
        ContentTree.fold(umlaut, sb);
        assertEquals("DESCRIPTION:" + "x".repeat(62) + "\r\n ü\r\n", sb.toString());
        for (String line : sb.toString().split("\r\n")) {
            assertEquals(true, line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75, line);
        }
        assertEquals(List.of(umlaut), ContentTree.unfold(sb.toString()));
    }
}
