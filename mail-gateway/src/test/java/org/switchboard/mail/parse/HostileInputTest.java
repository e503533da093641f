package org.switchboard.mail.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Inputs meant to hurt: each parses within the limits or fails with a MessageParseException, quickly. */
class HostileInputTest {

    private static final Duration QUICKLY = Duration.ofSeconds(20);
    private final MessageParser parser = new MessageParser();

    private ParsedMessage parse(String raw) throws MessageParseException {
        return parse(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private ParsedMessage parse(byte[] raw) throws MessageParseException {
        return parser.parse(new ByteArrayInputStream(raw));
    }

    @Test
    void twentyThousandNestedMultiparts() {
        StringBuilder raw = new StringBuilder("Subject: nest\r\n");
        int depth = 20_000;
        for (int i = 0; i < depth; i++) {
            raw.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        raw.append("Content-Type: text/plain\r\n\r\ndeepest\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }
        assertTimeoutPreemptively(QUICKLY, () -> {
            MessageParseException e = assertThrows(MessageParseException.class, () -> parse(raw.toString()));
            assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        });
    }

    @Test
    void manyPartsAreBoundedByThePartLimit() {
        StringBuilder raw = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 5000; i++) {
            raw.append("--b\r\nContent-Type: application/octet-stream\r\n\r\nx").append(i).append("\r\n");
        }
        raw.append("--b--\r\n");
        assertTimeoutPreemptively(QUICKLY, () -> {
            MessageParseException e = assertThrows(MessageParseException.class, () -> parse(raw.toString()));
            assertTrue(e.getMessage().contains("part count"), e.getMessage());
        });
    }

    @Test
    void partsWithinTheLimitAreAllKept() throws Exception {
        StringBuilder raw = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 100; i++) {
            raw.append("--b\r\nContent-Type: application/octet-stream\r\n\r\nx").append(i).append("\r\n");
        }
        raw.append("--b--\r\n");
        assertEquals(100, parse(raw.toString()).attachments().size());
    }

    @Test
    void oneHundredThousandHeaders() {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            raw.append("X-Header-").append(i).append(": value\r\n");
        }
        raw.append("Subject: after the flood\r\n\r\nbody\r\n");
        assertTimeoutPreemptively(QUICKLY, () -> {
            MessageParseException e = assertThrows(MessageParseException.class, () -> parse(raw.toString()));
            assertTrue(e.getMessage().contains("unparseable"), e.getMessage());
        });
    }

    @Test
    void oneMegabyteHeaderLine() {
        String raw = "Subject: " + "a".repeat(1024 * 1024) + "\r\n\r\nbody\r\n";
        assertTimeoutPreemptively(QUICKLY, () -> {
            MessageParseException e = assertThrows(MessageParseException.class, () -> parse(raw));
            assertTrue(e.getMessage().contains("unparseable"), e.getMessage());
        });
    }

    @Test
    void lyingCharsetFallsBackToUtf8() throws Exception {
        byte[] raw = ("Content-Type: text/plain; charset=us-ascii\r\n\r\nGr\u00fc\u00dfe aus M\u00fcnchen")
                .getBytes(StandardCharsets.UTF_8);
        ParsedMessage message = parse(raw);
        assertEquals("Grüße aus München", message.textBody());
        assertTrue(message.problems().get(0).contains("us-ascii"), message.problems().toString());
    }

    @Test
    void utf8DeclaredButLatin1SentFallsBackToIso88591() throws Exception {
        byte[] raw = ("Content-Type: text/plain; charset=utf-8\r\n\r\nGr\u00fc\u00dfe").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Grüße", parse(raw).textBody());
    }

    @Test
    void unknownCharsetIsReadAsUtf8() throws Exception {
        byte[] raw = ("Content-Type: text/plain; charset=x-made-up\r\n\r\nna\u00efve").getBytes(StandardCharsets.UTF_8);
        assertEquals("naïve", parse(raw).textBody());
    }

    @Test
    void zeroByteMessage() throws Exception {
        ParsedMessage message = parse(new byte[0]);
        assertEquals("", message.subject());
        assertEquals("", message.textBody());
        assertTrue(message.messageId().isEmpty());
    }

    @Test
    void malformedMimeIsParsedLeniently() throws Exception {
        ParsedMessage message = parse("Content-Type: multipart/mixed\r\nSubject: no boundary\r\n\r\n--x\r\nbody\r\n");
        assertEquals("no boundary", message.subject());
    }

    @Test
    void anAttachmentBombKeepsItsHashButNotItsBytes() throws Exception {
        ParseLimits small = new ParseLimits(32, 512, 1000, 64 * 1024, 10_000, 10L * 1024 * 1024, 64 * 1024,
                1024 * 1024, 1024 * 1024, Duration.ofSeconds(2));
        StringBuilder raw = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: application/zip\r\nContent-Disposition: attachment; filename=bomb.zip\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n");
        String line = "A".repeat(76) + "\r\n";
        for (int i = 0; i < 4000; i++) {
            raw.append(line);
        }
        raw.append("--b--\r\n");
        ParsedMessage message = new MessageParser(small, a -> "x").parse(
                new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.US_ASCII)));
        Attachment bomb = message.attachments().get(0);
        assertEquals(4000 * 57, bomb.size());
        assertTrue(bomb.content().isEmpty());
        assertEquals(64, bomb.sha256().length());
        assertTrue(message.problems().stream().anyMatch(p -> p.contains("bomb.zip")));
    }

    @Test
    void aMessageBeyondTheContentLimitIsAParseFailure() {
        ParseLimits small = new ParseLimits(32, 512, 1000, 64 * 1024, 10_000, 1024, 1024, 1024, 1024,
                Duration.ofSeconds(2));
        InputStream raw = new ByteArrayInputStream(("Subject: big\r\n\r\n" + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII));
        assertThrows(MessageParseException.class, () -> new MessageParser(small, a -> "x").parse(raw));
    }

    @Test
    void hugeHtmlIsCutAndStillSanitisedQuickly() {
        String html = "<div>".repeat(200_000) + "<script>x</script>";
        String raw = "Content-Type: text/html\r\n\r\n" + html;
        assertTimeoutPreemptively(QUICKLY, () -> {
            ParsedMessage message = parse(raw);
            if (message.htmlBody().isPresent()) {
                assertTrue(!message.htmlBody().get().contains("<script"), "no script survives");
            } else {
                assertTrue(message.problems().stream().anyMatch(p -> p.contains("sanitising")), message.problems().toString());
            }
            assertTrue(!message.textBody().contains("<"), "the text fallback has no markup");
        });
    }

    @Test
    void ordinaryHtmlOnlyMailGetsATextBody() throws Exception {
        ParsedMessage message = parse("Content-Type: text/html\r\n\r\n<p>Hello &amp; welcome</p>");
        assertEquals("Hello & welcome", message.textBody());
    }
}
