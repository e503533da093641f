package org.switchboard.server.mail;

import org.switchboard.server.storage.ColumnText;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.server.opportunity.CaseAccess;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.security.SwitchboardUser;

/**
 * A salesperson answers from a case: the message goes into the outbox with its Message-ID fixed by the
 * outbox id, threaded on the case's last message, and an EMAIL_OUT entry is written, all in one
 * transaction. The {@link org.switchboard.mail.outbound.OutboxSender} sends it later.
 */
@Service
class CaseEmails {
    private final OutboxQueue outbox;
    private final OpportunityService cases;
    private final CaseAccess access;
    private final MailAliases aliases;
    private final MailThreads threads;
    private final MailSettings settings;

    CaseEmails(OutboxQueue outbox, OpportunityService cases, CaseAccess access, MailAliases aliases, MailThreads threads, MailSettings settings) {
        this.outbox = outbox;
        this.cases = cases;
        this.access = access;
        this.aliases = aliases;
        this.threads = threads;
        this.settings = settings;
    }

    record Email(List<String> to, List<String> cc, String subject, String body) {
    }

    record Queued(long id, String messageId, String state) {
    }

    @Transactional
    Queued send(SwitchboardUser actor, long caseId, Email email) {
        if (!settings.enabled()) {
            throw ApiException.conflict("the mail gateway is not enabled (switchboard.mail.enabled)");
        }
        Opportunity c = cases.get(caseId);
        access.requireEdit(actor, c);
        List<String> to = addresses("to", email.to());
        List<String> cc = addresses("cc", email.cc());
        if (to.isEmpty()) {
            throw ApiException.invalid("to", "name at least one recipient");
        }
        String subject = email.subject() == null ? "" : email.subject().strip();
        if (subject.isEmpty() || subject.length() > 998 || subject.matches("(?s).*[\\r\\n\\x00].*")) {
            throw ApiException.invalid("subject", "a subject is one line of at most 998 characters");
        }
        if (email.body() == null || email.body().length() > 100_000) {
            throw ApiException.invalid("body", "a body is at most 100,000 characters");
        }
        String from = aliases.replyAddressOfTeam(c.teamId()).orElse(settings.defaultFrom());
        if (from.isBlank()) {
            throw ApiException.conflict("the case's team has no mail alias and switchboard.mail.default-from is not set");
        }
        List<String> thread = threads.thread(caseId);
        String inReplyTo = thread.isEmpty() ? null : thread.get(thread.size() - 1);
        OutboxQueue.Queued queued = outbox.queue(new OutboxQueue.NewMessage(caseId, actor.id(), from, actor.displayName(), to, cc, subject,
                email.body(), from, inReplyTo, thread, null));
        String messageId = queued.messageId();
        cases.record(actor, c, HistoryKind.EMAIL_OUT, ColumnText.shorten("Email to " + String.join(", ", to) + ": " + subject, 1000),
                ColumnText.shorten("To: " + String.join(", ", to) + (cc.isEmpty() ? "" : "\nCc: " + String.join(", ", cc)) + "\nSubject: " + subject
                        + "\nMessage-ID: <" + messageId + ">\n\n" + email.body(), 100_000),
                List.of());
        return new Queued(queued.id(), messageId, "QUEUED");
    }

    private static List<String> addresses(String field, List<String> given) {
        List<String> result = new ArrayList<>();
        for (String a : given == null ? List.<String>of() : given) {
            String normalized = EmailAddress.normalize(a);
            if (normalized == null || a.matches("(?s).*[\\r\\n\\x00].*")) {
                throw ApiException.invalid(field, "'" + a + "' is not an email address");
            }
            result.add(normalized);
        }
        if (result.size() > 100) {
            throw ApiException.invalid(field, "at most 100 addresses");
        }
        return result;
    }
}
