package org.switchboard.mail.parse;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Parses untrusted mail with Mime4j within {@link ParseLimits}. Never recurses over the message structure
 * (an explicit stack walks it), so hostile nesting cannot overflow the stack.
 */
public final class MessageParser {

    private final ParseLimits limits;
    private final HtmlSanitizer sanitizer;
    private final Function<Attachment, String> inlineImageUrl;

    /**
     * @param inlineImageUrl where the CRM serves an attachment; {@code cid:} images in the HTML are rewritten to it
     */
    public MessageParser(ParseLimits limits, Function<Attachment, String> inlineImageUrl) {
        this.limits = limits;
        this.sanitizer = new HtmlSanitizer(limits.maxHtmlChars(), limits.htmlTimeBudget());
        this.inlineImageUrl = inlineImageUrl;
    }

    /** Default limits; inline images point at {@code attachment:<sha256>}. */
    public MessageParser() {
        this(ParseLimits.defaults(), attachment -> "attachment:" + attachment.sha256());
    }

    public ParsedMessage parse(InputStream raw) throws MessageParseException {
        Message message;
        try {
            message = builder().parseMessage(new LimitedInputStream(raw, limits.maxContentBytes()));
        } catch (IOException | RuntimeException e) {
            throw new MessageParseException("unparseable message: " + describe(e), e);
        }
        try {
            return read(message);
        } catch (IOException | RuntimeException e) {
            throw new MessageParseException("unreadable message content: " + describe(e), e);
        } finally {
            message.dispose();
        }
    }

    private DefaultMessageBuilder builder() {
        MimeConfig config = MimeConfig.custom()
                .setMaxNestingDepth(limits.maxNestingDepth())
                .setMaxPartCount(limits.maxParts())
                .setMaxHeaderCount(limits.maxHeadersPerPart())
                .setMaxHeaderLen(limits.maxHeaderLength())
                .setMaxTotalHeaderCount(limits.maxTotalHeaders())
                .setMaxTotalHeaderLen((long) limits.maxTotalHeaders() * 1000)
                .setMaxContentLen(limits.maxContentBytes())
                .setMaxLineLen(-1)
                .setStrictParsing(false)
                .build();
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(config);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        return builder;
    }

    private ParsedMessage read(Message message) throws IOException {
        Header header = message.getHeader();
        List<String> problems = new ArrayList<>();
        Parts parts = new Parts();
        walk(message, parts, problems);

        Map<String, String> cidTargets = new LinkedHashMap<>();
        for (Attachment attachment : parts.attachments) {
            attachment.contentId().ifPresent(cid -> cidTargets.put(cid, inlineImageUrl.apply(attachment)));
        }
        Optional<String> html = Optional.empty();
        if (parts.html != null) {
            html = sanitizer.sanitize(parts.html, cidTargets);
            if (html.isEmpty()) {
                problems.add("HTML body dropped: sanitising exceeded " + limits.htmlTimeBudget());
            }
        }
        List<Attachment> attachments = new ArrayList<>();
        for (Attachment attachment : parts.attachments) {
            boolean shown = html.isPresent() && attachment.contentId().isPresent()
                    && html.get().contains(inlineImageUrl.apply(attachment));
            attachments.add(shown ? attachment.asInline() : attachment);
        }
        String text = parts.text != null ? parts.text
                : html.isPresent() ? org.jsoup.Jsoup.parse(html.get()).text()
                : parts.html != null ? roughText(parts.html) : "";
        if (text.length() > limits.maxTextChars()) {
            text = text.substring(0, limits.maxTextChars());
            problems.add("text body cut at " + limits.maxTextChars() + " characters");
        }
        Optional<DeliveryReport> report = parts.dsnRecipients == null ? Optional.empty()
                : Optional.of(new DeliveryReport(parts.dsnRecipients, parts.originalMessageId));

        return new ParsedMessage(
                Optional.ofNullable(message.getMessageId()).flatMap(MessageIds::first),
                MessageIds.first(value(header, "In-Reply-To")),
                MessageIds.all(value(header, "References")),
                mailboxes(message.getFrom()).stream().findFirst(),
                mailboxes(message.getReplyTo()),
                mailboxes(message.getTo()),
                mailboxes(message.getCc()),
                Optional.ofNullable(message.getSubject()).orElse("").strip(),
                Optional.ofNullable(message.getDate()).map(java.util.Date::toInstant),
                text,
                html,
                attachments,
                new AutomationHeaders(
                        Optional.ofNullable(value(header, "Auto-Submitted")),
                        Optional.ofNullable(value(header, "Precedence")),
                        Optional.ofNullable(value(header, "List-Id")),
                        values(header, "X-Loop"),
                        values(header, AutomationHeaders.OUR_LOOP_HEADER),
                        Optional.ofNullable(value(header, "X-Auto-Response-Suppress"))),
                report,
                problems);
    }

    /** What the walk collects. */
    private static final class Parts {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();
        List<DeliveryReport.Recipient> dsnRecipients;
        Optional<String> originalMessageId = Optional.empty();
    }

    private void walk(Message root, Parts parts, List<String> problems) throws IOException {
        boolean report = "multipart/report".equals(root.getMimeType());
        Deque<Entity> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Entity entity = pending.pop();
            Body body = entity.getBody();
            if (body instanceof Multipart) {
                List<Entity> children = ((Multipart) body).getBodyParts();
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.push(children.get(i));
                }
            } else if (body instanceof Message) {
                Message embedded = (Message) body;
                if (report) {
                    parts.originalMessageId = Optional.ofNullable(embedded.getMessageId()).flatMap(MessageIds::first);
                } else {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    new DefaultMessageWriter().writeMessage(embedded, out);
                    String name = Optional.ofNullable(embedded.getSubject()).filter(s -> !s.isBlank()).orElse("message");
                    parts.attachments.add(attachment(sanitizeName(name) + ".eml", "message/rfc822", out.toByteArray(), null));
                }
            } else if (body instanceof SingleBody) {
                single(entity, (SingleBody) body, report, parts, problems);
            }
        }
    }

    private void single(Entity entity, SingleBody body, boolean report, Parts parts, List<String> problems)
            throws IOException {
        String mimeType = entity.getMimeType().toLowerCase(Locale.ROOT);
        String filename = filename(entity);
        boolean attachmentDisposition = "attachment".equalsIgnoreCase(entity.getDispositionType());
        byte[] bytes;
        try (InputStream in = body.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (report && mimeType.equals("message/delivery-status")) {
            parts.dsnRecipients = DeliveryStatusReader.recipients(new String(bytes, StandardCharsets.ISO_8859_1));
            return;
        }
        if (report && (mimeType.equals("text/rfc822-headers") || mimeType.equals("message/rfc822-headers"))) {
            parts.originalMessageId = DeliveryStatusReader.messageIdFromHeaders(new String(bytes, StandardCharsets.ISO_8859_1));
            return;
        }
        boolean bodyText = filename == null && !attachmentDisposition;
        if (bodyText && mimeType.equals("text/plain") && parts.text == null) {
            parts.text = decode(entity, bytes, problems);
        } else if (bodyText && mimeType.equals("text/html") && parts.html == null) {
            parts.html = decode(entity, bytes, problems);
        } else if (TnefUnpacker.isTnef(mimeType, filename)) {
            try {
                for (TnefUnpacker.File file : TnefUnpacker.files(bytes)) {
                    parts.attachments.add(attachment(sanitizeName(file.filename()), "application/octet-stream", file.content(), null));
                }
            } catch (IOException | RuntimeException e) {
                problems.add("winmail.dat could not be unpacked: " + describe(e));
                parts.attachments.add(attachment("winmail.dat", mimeType, bytes, null));
            }
        } else {
            String name = filename != null ? sanitizeName(filename) : "part." + mimeType.substring(mimeType.indexOf('/') + 1);
            Attachment attachment = attachment(name, mimeType, bytes, contentId(entity));
            if (attachment.content().isEmpty()) {
                problems.add("attachment " + name + " larger than " + limits.maxAttachmentBytes() + " bytes: content not kept");
            }
            parts.attachments.add(attachment);
        }
    }

    /** Last resort when the HTML could not be sanitised in time: drop tags without parsing (linear). */
    private String roughText(String html) {
        String bounded = html.length() > limits.maxTextChars() ? html.substring(0, limits.maxTextChars()) : html;
        return org.jsoup.parser.Parser.unescapeEntities(bounded.replaceAll("<[^>]{0,1000}>", " "), false)
                .replaceAll("[ \t]+", " ").strip();
    }

    private static String decode(Entity entity, byte[] bytes, List<String> problems) {
        ContentTypeField type = (ContentTypeField) entity.getHeader().getField("Content-Type");
        String declared = type == null ? null : type.getCharset();
        TextDecoder.Decoded decoded = TextDecoder.decode(bytes, declared);
        decoded.fallback().ifPresent(charset -> problems.add("declared charset " + declared
                + " did not fit the text; decoded as " + charset));
        return decoded.text();
    }

    private Attachment attachment(String filename, String contentType, byte[] bytes, String contentId) {
        boolean keep = bytes.length <= limits.maxAttachmentBytes();
        return new Attachment(filename, contentType, bytes.length, sha256(bytes), Optional.ofNullable(contentId), false,
                keep ? Optional.of(bytes) : Optional.empty());
    }

    /** Content-Disposition filename (RFC 2183, RFC 2231 continuations and charsets), else Content-Type name. */
    private static String filename(Entity entity) {
        String name = entity.getFilename();
        if (name == null) {
            Field field = entity.getHeader().getField("Content-Type");
            if (field instanceof ContentTypeField) {
                name = ((ContentTypeField) field).getParameter("name");
            }
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        // RFC 2047 words in a parameter are not standard, but common (RFC 2047 §5 forbids them there).
        return DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
    }

    /** No path, no control characters, bounded length. */
    static String sanitizeName(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().filter(c -> c >= 32 && c != 127).limit(200).forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "attachment" : cleaned;
    }

    private static String contentId(Entity entity) {
        String value = value(entity.getHeader(), "Content-ID");
        return value == null ? null : MessageIds.first(value).orElse(null);
    }

    private static String value(Header header, String name) {
        Field field = header.getField(name);
        return field == null ? null : unfold(field.getBody());
    }

    private static List<String> values(Header header, String name) {
        List<String> values = new ArrayList<>();
        for (Field field : header.getFields(name)) {
            values.add(unfold(field.getBody()));
        }
        return values;
    }

    private static String unfold(String value) {
        return value == null ? null : value.replaceAll("\r?\n[ \t]*", " ").strip();
    }

    private static List<Mailbox> mailboxes(AddressList list) {
        return list == null ? List.of() : mailboxes(list.flatten());
    }

    private static List<Mailbox> mailboxes(MailboxList list) {
        List<Mailbox> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (Address address : list) {
            if (address instanceof org.apache.james.mime4j.dom.address.Mailbox) {
                org.apache.james.mime4j.dom.address.Mailbox m = (org.apache.james.mime4j.dom.address.Mailbox) address;
                out.add(new Mailbox(m.getName() == null ? "" : m.getName(), m.getAddress().toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Refuses to read more than the limit, whatever the parser's own limits do. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException("message larger than " + limit + " bytes");
            }
        }
    }
}
