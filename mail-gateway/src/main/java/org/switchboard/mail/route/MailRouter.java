package org.switchboard.mail.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.mail.parse.DeliveryReport;
import org.switchboard.mail.parse.Mailbox;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.mail.spi.Alias;
import org.switchboard.mail.spi.InboundEnvelope;
import org.switchboard.mail.spi.MailDirectory;
import org.switchboard.mail.spi.RoutingDecision;
import org.switchboard.mail.spi.RoutingDecision.ReplyMatch;

/**
 * Decides what a parsed message is, in this order: bounce → calendar reply (iTIP REPLY) → automated or loop → reply to a known case →
 * alias → catch-all → dead letter. Pure apart from the directory lookups and the sender rate count.
 */
public final class MailRouter {

    /** {@code [#123]} anywhere in the subject (Request Tracker style). */
    private static final Pattern SUBJECT_TAG = Pattern.compile("\\[#(\\d{1,18})\\]");

    private final MailDirectory directory;
    private final ReplyToken tokens;
    private final SenderRateLimit rateLimit;

    public MailRouter(MailDirectory directory, ReplyToken tokens, SenderRateLimit rateLimit) {
        this.directory = directory;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
    }

    public RoutingDecision route(InboundEnvelope envelope, ParsedMessage message) {
        Optional<RoutingDecision> bounce = bounce(envelope, message);
        if (bounce.isPresent()) {
            return bounce.get();
        }
        // Before the automated-mail check: a calendar server that answers for its user may mark the REPLY
        // Auto-Submitted, and applying a participation status never sends anything back, so it cannot loop.
        Optional<byte[]> calendarReply = CalendarReplies.of(message);
        if (calendarReply.isPresent()) {
            return new RoutingDecision.CalendarReply(message, calendarReply.get());
        }
        Optional<String> automated = AutomatedMail.reason(envelope, message);
        if (automated.isPresent()) {
            return new RoutingDecision.Dropped(message, automated.get());
        }
        String sender = sender(envelope, message);
        if (!sender.isEmpty() && !rateLimit.allow(sender)) {
            return new RoutingDecision.Dropped(message, "sender rate limit exceeded by " + sender);
        }
        Optional<String> partner = sender.isEmpty() ? Optional.empty() : directory.partnerByAddress(sender);

        Optional<RoutingDecision> reply = reply(envelope, message, partner);
        if (reply.isPresent()) {
            return reply.get();
        }
        for (String recipient : envelope.recipients()) {
            Optional<Alias> alias = directory.alias(recipient.toLowerCase(Locale.ROOT))
                    .or(() -> directory.alias(ReplyToken.baseAddress(recipient)));
            if (alias.isPresent()) {
                return new RoutingDecision.NewCase(message, alias.get(), orCompany(partner, sender, alias.get()));
            }
        }
        for (String recipient : envelope.recipients()) {
            Optional<Alias> catchAll = directory.catchAll(domain(recipient));
            if (catchAll.isPresent()) {
                return new RoutingDecision.NewCase(message, catchAll.get(), orCompany(partner, sender, catchAll.get()));
            }
        }
        return new RoutingDecision.DeadLetter(Optional.of(message), "no alias for " + envelope.recipients());
    }

    /** RFC 3464 reports and mail to our VERP addresses; linked by VERP token, else by original Message-ID. */
    private Optional<RoutingDecision> bounce(InboundEnvelope envelope, ParsedMessage message) {
        Optional<String> verp = envelope.recipients().stream().map(tokens::outboxId).flatMap(Optional::stream).findFirst();
        Optional<DeliveryReport> report = message.deliveryReport();
        if (verp.isEmpty() && report.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> outboundId = verp.or(() -> report.flatMap(DeliveryReport::originalMessageId)
                .flatMap(directory::outboundByMessageId));
        List<DeliveryReport.Recipient> recipients = report.map(DeliveryReport::recipients).orElse(List.of());
        Optional<DeliveryReport.Recipient> failed = recipients.stream().filter(DeliveryReport.Recipient::failed).findFirst()
                .or(() -> recipients.stream().findFirst());
        boolean permanent = failed.map(DeliveryReport.Recipient::failed).orElse(report.isEmpty());
        String status = failed.map(r -> r.action() + " " + r.status()).orElse("no delivery status").strip();
        return Optional.of(new RoutingDecision.Bounce(message, outboundId,
                failed.map(DeliveryReport.Recipient::finalRecipient), permanent, status));
    }

    /** Signed reply token, then In-Reply-To and References, then a [#N] subject tag. */
    private Optional<RoutingDecision> reply(InboundEnvelope envelope, ParsedMessage message, Optional<String> partner) {
        List<String> addressed = new ArrayList<>(envelope.recipients());
        message.to().stream().map(Mailbox::address).forEach(addressed::add);
        message.cc().stream().map(Mailbox::address).forEach(addressed::add);
        for (String address : addressed) {
            Optional<Long> caseId = tokens.caseId(address).filter(directory::caseExists);
            if (caseId.isPresent()) {
                return Optional.of(new RoutingDecision.ReplyToCase(message, caseId.get(), ReplyMatch.REPLY_TOKEN, partner));
            }
        }
        List<String> ancestors = new ArrayList<>();
        message.inReplyTo().ifPresent(ancestors::add);
        List<String> references = new ArrayList<>(message.references());
        java.util.Collections.reverse(references); // newest first
        ancestors.addAll(references);
        for (String messageId : ancestors) {
            Optional<Long> caseId = directory.caseByMessageId(messageId);
            if (caseId.isPresent()) {
                return Optional.of(new RoutingDecision.ReplyToCase(message, caseId.get(), ReplyMatch.MESSAGE_ID, partner));
            }
        }
        Matcher tag = SUBJECT_TAG.matcher(message.subject());
        while (tag.find()) {
            long caseId = Long.parseLong(tag.group(1));
            if (directory.caseExists(caseId)) {
                return Optional.of(new RoutingDecision.ReplyToCase(message, caseId, ReplyMatch.SUBJECT_TAG, partner));
            }
        }
        return Optional.empty();
    }

    /** Only new cases look further than the exact address: a reply's case already has its partner. */
    private Optional<String> orCompany(Optional<String> partner, String sender, Alias alias) {
        return partner.isPresent() || sender.isEmpty() ? partner : directory.companyByDomain(sender, alias);
    }

    private static String sender(InboundEnvelope envelope, ParsedMessage message) {
        return message.from().map(Mailbox::address).or(envelope::sender).orElse("").toLowerCase(Locale.ROOT);
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
