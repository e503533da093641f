package org.switchboard.mail.outbound;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.switchboard.mail.parse.AutomationHeaders;
import org.switchboard.mail.route.ReplyToken;
import org.switchboard.mail.spi.OutboundAttachment;
import org.switchboard.mail.spi.OutboundCalendar;
import org.switchboard.mail.spi.OutboundMessage;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/** Builds the MIME message for an outbox entry. Every value from the CRM passes {@link HeaderValue} first. */
final class MessageComposer {

    private final ReplyToken tokens;
    private final String messageIdDomain;

    MessageComposer(ReplyToken tokens, String messageIdDomain) {
        this.tokens = tokens;
        this.messageIdDomain = HeaderValue.require("Message-ID domain", messageIdDomain);
    }

    /** A composed message with its envelope. */
    record Composed(MimeMessage message, String messageId, Address[] recipients, Optional<String> envelopeSender) {
    }

    Composed compose(Session session, OutboundMessage out) throws MessagingException {
        String messageId = messageId(out.id());
        FixedIdMessage message = new FixedIdMessage(session, "<" + messageId + ">");
        message.setFrom(address("From", out.from(), out.fromName()));
        List<InternetAddress> to = addresses("To", out.to());
        List<InternetAddress> cc = addresses("Cc", out.cc());
        List<InternetAddress> bcc = addresses("Bcc", out.bcc());
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new InvalidMessageException("no recipient");
        }
        if (!to.isEmpty()) {
            message.setRecipients(MimeMessage.RecipientType.TO, to.toArray(new Address[0]));
        }
        if (!cc.isEmpty()) {
            message.setRecipients(MimeMessage.RecipientType.CC, cc.toArray(new Address[0]));
        }
        // Bcc goes to the envelope only, never into a header.
        message.setSubject(HeaderValue.require("Subject", out.subject()), "UTF-8");
        message.setSentDate(new Date());
        if (out.inReplyTo().isPresent()) {
            message.setHeader("In-Reply-To", HeaderValue.messageId("In-Reply-To", out.inReplyTo().get()));
        }
        if (!out.references().isEmpty()) {
            List<String> refs = new ArrayList<>();
            for (String ref : out.references()) {
                refs.add(HeaderValue.messageId("References", ref));
            }
            // RFC 5322 §3.6.4: folded between ids
            message.setHeader("References", String.join("\r\n ", refs));
        }
        Optional<String> alias = out.replyAlias();
        if (out.caseId().isPresent() && alias.isPresent()) {
            String replyTo = tokens.caseAddress(HeaderValue.require("reply alias", alias.get()), out.caseId().get());
            message.setReplyTo(new Address[] {address("Reply-To", replyTo, out.fromName())});
        }
        if (out.automated()) {
            // RFC 3834 §5: automatic mail says so, so that other systems do not answer it.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
        }
        message.setHeader(AutomationHeaders.OUR_LOOP_HEADER, messageIdDomain);
        body(message, out);
        message.saveChanges();

        List<Address> envelope = new ArrayList<>();
        envelope.addAll(to);
        envelope.addAll(cc);
        envelope.addAll(bcc);
        // VERP (envelope sender per message): a bounce names the outbox entry it is about.
        Optional<String> bounceTo = tokens.bounceAddress(alias.orElse(out.from()), out.id());
        bounceTo.ifPresent(message::setEnvelopeFrom);
        return new Composed(message, messageId, envelope.toArray(new Address[0]), bounceTo);
    }

    private void body(MimeMessage message, OutboundMessage out) throws MessagingException {
        MimeMultipart alternative = null;
        if (out.htmlBody().isPresent() || out.calendar().isPresent()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(out.textBody(), "UTF-8");
            alternative = new MimeMultipart("alternative", text);
            if (out.htmlBody().isPresent()) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(out.htmlBody().get(), "UTF-8", "html");
                alternative.addBodyPart(html);
            }
            if (out.calendar().isPresent()) {
                // RFC 6047 §2.4: the iTIP message as the last (richest) alternative, its method in the type
                alternative.addBodyPart(calendarPart(out.calendar().get(), false));
            }
        }
        List<MimeBodyPart> files = new ArrayList<>();
        if (out.calendar().isPresent()) {
            // Common practice (Outlook, Google): the same iCalendar again as a file, for mail readers that do
            // not show text/calendar alternatives; calendar clients act on the alternative.
            files.add(calendarPart(out.calendar().get(), true));
        }
        for (OutboundAttachment file : out.attachments()) {
            files.add(filePart(file));
        }
        if (files.isEmpty()) {
            if (alternative == null) {
                message.setText(out.textBody(), "UTF-8");
            } else {
                message.setContent(alternative);
            }
            return;
        }
        MimeBodyPart content = new MimeBodyPart();
        if (alternative == null) {
            content.setText(out.textBody(), "UTF-8");
        } else {
            content.setContent(alternative);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(content);
        for (MimeBodyPart file : files) {
            mixed.addBodyPart(file);
        }
        message.setContent(mixed);
    }

    private static MimeBodyPart filePart(OutboundAttachment file) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(),
                HeaderValue.require("attachment type", file.contentType()))));
        try {
            // RFC 2231 file name encoding is Angus's default for non-ASCII names
            part.setFileName(HeaderValue.require("attachment name", file.filename()));
        } catch (MessagingException e) {
            throw new InvalidMessageException("bad attachment name", e);
        }
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    /** {@code text/calendar; method=…} inline, or the same bytes as the attachment {@code invite.ics}. */
    private static MimeBodyPart calendarPart(OutboundCalendar calendar, boolean asFile) throws MessagingException {
        String method = HeaderValue.require("iTIP method", calendar.method());
        if (!method.matches("[A-Z-]{1,20}")) {
            throw new InvalidMessageException("bad iTIP method " + method);
        }
        MimeBodyPart part = new MimeBodyPart();
        String type = asFile ? "application/ics; name=\"invite.ics\"" : "text/calendar; charset=UTF-8; method=" + method;
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(calendar.data(), type)));
        part.setHeader("Content-Type", type);
        if (asFile) {
            part.setFileName("invite.ics");
            part.setDisposition(MimeBodyPart.ATTACHMENT);
        }
        return part;
    }

    /** Stable per outbox entry, so that a resend after a crash is recognisably the same message. */
    private String messageId(String outboxId) {
        HeaderValue.require("outbox id", outboxId);
        String local = outboxId.matches("[A-Za-z0-9_.-]{1,64}") ? "outbox-" + outboxId : "outbox-" + sha256(outboxId);
        return local + "@" + messageIdDomain;
    }

    private static InternetAddress address(String what, String address, String name) {
        HeaderValue.require(what, address);
        HeaderValue.require(what + " name", name == null ? "" : name);
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (name != null && !name.isBlank()) {
                parsed.setPersonal(name, "UTF-8");
            }
            return parsed;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new InvalidMessageException(what + " is not a valid address", e);
        }
    }

    private static List<InternetAddress> addresses(String what, List<String> values) {
        List<InternetAddress> parsed = new ArrayList<>();
        for (String value : values) {
            parsed.add(address(what, value, null));
        }
        return parsed;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jakarta Mail replaces Message-ID on saveChanges(); ours must stay. */
    private static final class FixedIdMessage extends org.eclipse.angus.mail.smtp.SMTPMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
