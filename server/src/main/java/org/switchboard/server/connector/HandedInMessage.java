package org.switchboard.server.connector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.switchboard.mail.parse.MessageParseException;
import org.switchboard.mail.parse.MessageParser;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.server.api.ApiException;

/**
 * A raw message (.eml) an add-in sends, as we keep it: without the {@code X-Mozilla-*} status lines
 * Thunderbird puts on top (and an mbox "From " separator line, should one come along), parsed by the
 * gateway's parser within its limits. Anything that is not a message is refused before anything is written.
 */
record HandedInMessage(byte[] raw, ParsedMessage parsed) {
    /** A header field's name then a colon (RFC 5322 §2.2): what the first line of a message must be. */
    private static final Pattern FIRST_HEADER = Pattern.compile("^[\\x21-\\x39\\x3B-\\x7E]+[ \\t]*:");
    private static final byte[] MOZILLA = "x-mozilla-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MBOX_FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads at most {@code maxBytes} (413 beyond), strips, checks and parses (400 when it is not a message).
     * The body is read up to the limit even when Content-Length already says too much: answering before
     * reading makes the server close the connection under the client's upload, which then sees no answer.
     */
    static HandedInMessage read(InputStream body, long maxBytes, MessageParser parser) throws IOException {
        byte[] received = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (received.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] raw = withoutClientLines(received);
        String firstLine = new String(raw, 0, Math.min(raw.length, 1000), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        if (raw.length == 0 || !FIRST_HEADER.matcher(firstLine).find()) {
            throw notAMessage("it does not start with a header (such as From: or Subject:)");
        }
        ParsedMessage parsed;
        try {
            parsed = parser.parse(new ByteArrayInputStream(raw));
        } catch (MessageParseException e) {
            throw notAMessage(e.getMessage());
        }
        if (parsed.from().isEmpty()) {
            throw notAMessage("it has no From header");
        }
        return new HandedInMessage(raw, parsed);
    }

    /** The message without the header lines only the mail client uses (folded continuations included). */
    static byte[] withoutClientLines(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        int position = 0;
        boolean skipping = false;
        while (position < message.length) {
            int end = position;
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, message.length);
            boolean blank = end == position || (end == position + 1 && message[position] == '\r');
            if (blank) {
                break; // the end of the header: the body is kept as it is
            }
            boolean continuation = message[position] == ' ' || message[position] == '\t';
            if (!continuation) {
                skipping = startsWith(message, position, MOZILLA, true) || (position == 0 && isMboxSeparator(message, end));
            }
            if (!skipping) {
                out.write(message, position, next - position);
            }
            position = next;
        }
        out.write(message, position, message.length - position);
        return out.toByteArray();
    }

    /** "From sender date" opening an mbox entry, not the header "From : …" (obsolete syntax allows the space). */
    private static boolean isMboxSeparator(byte[] message, int lineEnd) {
        if (!startsWith(message, 0, MBOX_FROM, false)) {
            return false;
        }
        int i = MBOX_FROM.length;
        while (i < lineEnd && (message[i] == ' ' || message[i] == '\t')) {
            i++;
        }
        return i < lineEnd && message[i] != ':';
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix, boolean ignoreCase) {
        if (bytes.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            byte b = bytes[at + i];
            if (ignoreCase && b >= 'A' && b <= 'Z') {
                b = (byte) (b + 32);
            }
            if (b != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ApiException notAMessage(String why) {
        return ApiException.invalid("body", "the body is not an email message (message/rfc822): " + why);
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the message is larger than " + maxBytes
                + " bytes (switchboard.mail.max-message-size)", null);
    }
}
