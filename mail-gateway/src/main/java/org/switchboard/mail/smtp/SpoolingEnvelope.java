package org.switchboard.mail.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.switchboard.mail.spi.InboundEnvelope;

/**
 * The message being received. Unlike James's {@code MailEnvelopeImpl}, which buffers the whole message in
 * memory, this keeps at most {@code memoryThreshold} bytes in memory and spills the rest to a temporary
 * file, refuses to grow past the size limit, and computes the content hash and Message-ID on the fly.
 *
 * <p>The data handler writes one (dot-unstuffed) line per {@code write} call.
 */
final class SpoolingEnvelope implements MailEnvelope {

    private final MaybeSender sender;
    private final List<MailAddress> recipients;
    private final byte[] traceHeader;
    private final int memoryThreshold;
    private final long maxSize;
    private final Optional<Path> spillDirectory;
    private final DataStream data = new DataStream();
    private Instant completedAt;
    private String sha256;

    SpoolingEnvelope(MaybeSender sender, List<MailAddress> recipients, String traceHeader, int memoryThreshold,
                     long maxSize, Optional<Path> spillDirectory) {
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.traceHeader = traceHeader.getBytes(StandardCharsets.US_ASCII);
        this.memoryThreshold = memoryThreshold;
        this.maxSize = maxSize;
        this.spillDirectory = spillDirectory;
    }

    @Override
    public long getSize() {
        return traceHeader.length + data.size;
    }

    @Override
    public List<MailAddress> getRecipients() {
        return recipients;
    }

    @Override
    public MaybeSender getMaybeSender() {
        return sender;
    }

    @Override
    public MailAddress getSender() {
        return sender.asOptional().orElse(MailAddress.nullSender());
    }

    @Override
    public OutputStream getMessageOutputStream() {
        return data;
    }

    @Override
    public InputStream getMessageInputStream() throws IOException {
        InputStream body = data.file != null ? Files.newInputStream(data.file)
                : new ByteArrayInputStream(data.memory.toByteArray());
        return new SequenceInputStream(new ByteArrayInputStream(traceHeader), body);
    }

    /** True when the temporary file could not be written (disk full); the message must be refused for now. */
    boolean broken() {
        return data.broken;
    }

    /** True when the client sent more than the size limit; the excess was not kept. */
    boolean exceeded() {
        return data.exceeded;
    }

    /** Describes the received message for the spool. */
    InboundEnvelope describe(String transport, String remote, List<MailAddress> forRecipients) {
        if (completedAt == null) {
            completedAt = Instant.now();
            sha256 = HexFormat.of().formatHex(data.digest.digest());
        }
        return new InboundEnvelope(
                sender.asOptional().map(MailAddress::asString),
                forRecipients.stream().map(MailAddress::asString).toList(),
                transport, remote, data.messageId(), sha256,
                getSize(), completedAt);
    }

    /** Deletes the temporary file, if any. Safe to call more than once. */
    void discard() {
        data.discard();
    }

    private final class DataStream extends OutputStream {
        private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private final MessageDigest digest = sha256();
        private Path file;
        private OutputStream fileOut;
        private long size;
        private boolean exceeded;
        private boolean broken;
        private boolean inHeader = true;
        private boolean inMessageIdHeader;
        private final StringBuilder messageId = new StringBuilder();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] line, int off, int len) {
            if (broken) {
                return;
            }
            if (exceeded || size + len > maxSize) {
                exceeded = true;
                return;
            }
            size += len;
            digest.update(line, off, len);
            if (inHeader) {
                watchHeader(new String(line, off, len, StandardCharsets.ISO_8859_1));
            }
            try {
                if (file == null && memory.size() + len > memoryThreshold) {
                    spill();
                }
                if (fileOut != null) {
                    fileOut.write(line, off, len);
                } else {
                    memory.write(line, off, len);
                }
            } catch (IOException e) {
                broken = true;
            }
        }

        private void spill() throws IOException {
            file = spillDirectory.isPresent() ? Files.createTempFile(spillDirectory.get(), "inbound-", ".eml")
                    : Files.createTempFile("inbound-", ".eml");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            memory.writeTo(fileOut);
            memory.reset();
        }

        /** Tracks the Message-ID header while the header section streams by (RFC 5322 §3.6.4, §2.2.3 folding). */
        private void watchHeader(String line) {
            if (line.equals("\r\n") || line.equals("\n")) {
                inHeader = false;
                inMessageIdHeader = false;
                return;
            }
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (continuation) {
                if (inMessageIdHeader && messageId.length() < 1000) {
                    messageId.append(line.strip());
                }
                return;
            }
            inMessageIdHeader = line.regionMatches(true, 0, "Message-ID:", 0, 11);
            if (inMessageIdHeader && messageId.length() == 0) {
                messageId.append(line.substring(11).strip());
            } else {
                inMessageIdHeader = false;
            }
        }

        Optional<String> messageId() {
            String value = messageId.toString().strip();
            if (value.startsWith("<") && value.indexOf('>') > 0) {
                value = value.substring(1, value.indexOf('>'));
            }
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        /** James flushes after every line; the file is flushed once, on close, before anyone reads it. */
        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
            if (fileOut != null) {
                fileOut.close();
            }
        }

        void discard() {
            try {
                close();
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // a leftover temporary file is harmless; nothing more to do
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
