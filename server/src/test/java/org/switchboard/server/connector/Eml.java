package org.switchboard.server.connector;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Raw messages as mail clients hand them over (CRLF line ends), built for the tests. */
final class Eml {
    /** What Thunderbird's messages.getRaw() puts above the real header. */
    static final String MOZILLA_LINES = "X-Mozilla-Status: 0001\r\nX-Mozilla-Status2: 00000000\r\nX-Mozilla-Keys:"
            + " ".repeat(80) + "\r\n";

    private Eml() {
    }

    static byte[] plain(String from, String to, String subject, String messageId, String inReplyTo, String text) {
        return (header(from, to, subject, messageId, inReplyTo) + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + text.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withAttachment(String prefix, String from, String to, String subject, String messageId, String text, String fileName,
            byte[] file) {
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file);
        return (prefix + header(from, to, subject, messageId, null) + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text.replace("\n", "\r\n") + "\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=\"" + fileName + "\"\r\nContent-Disposition: attachment; filename=\""
                + fileName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded + "\r\n--b1--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String header(String from, String to, String subject, String messageId, String inReplyTo) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: Mon, 30 Nov 2026 09:15:00 +0100\r\n"
                + "Message-ID: <" + messageId + ">\r\n" + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + ">\r\n")
                + "MIME-Version: 1.0\r\n";
    }
}
