package org.switchboard.server.mail;

import org.switchboard.server.storage.ColumnText;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.api.Versions;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.mail.parse.Mailbox;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.server.calendar.MeetingReplies;
import org.switchboard.mail.route.ReplyToken;
import org.switchboard.mail.spi.RoutingDecision;
import org.switchboard.mail.spi.RoutingDecisionSink;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityDraft;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.security.SwitchboardUser;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns routing decisions into CRM actions, in the transaction that marks the spooled message routed
 * ({@link SpoolRouter}): a new lead or opportunity, an EMAIL_IN entry on a case, a bouncing address, or
 * only the recorded decision. Idempotent per spooled message: a decision already recorded is not redone.
 */
@Component
class CaseMailSink implements RoutingDecisionSink {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final OpportunityService cases;
    private final MailAliases aliases;
    private final CaseMessages messages;
    private final MailActor actor;
    private final MeetingReplies replies;
    private final DatabaseMailDirectory directory;

    CaseMailSink(JdbcClient jdbc, OpportunityService cases, MailAliases aliases, CaseMessages messages, MailActor actor, MeetingReplies replies,
            DatabaseMailDirectory directory) {
        this.replies = replies;
        this.jdbc = jdbc;
        this.cases = cases;
        this.aliases = aliases;
        this.directory = directory;
        this.messages = messages;
        this.actor = actor;
    }

    @Override
    public void record(String spoolId, RoutingDecision decision) {
        long inboundId = Long.parseLong(spoolId);
        Optional<RoutingRows> batch = RoutingRows.current();
        // In a batch, one query for the whole batch already said which messages have no decision.
        boolean checked = batch.map(rows -> rows.knownUndecided(inboundId)).orElse(false);
        if (!checked && jdbc.sql("SELECT COUNT(*) FROM routing_decision WHERE inbound_id = ?").param(inboundId).query(Long.class).single() > 0) {
            return;
        }
        SwitchboardUser author = actor.get().orElseThrow(() -> new IllegalStateException("no user exists yet"));
        Long caseId = null;
        Long outboxId = null;
        String kind;
        String summary = decision.summary();
        if (decision instanceof RoutingDecision.CalendarReply reply) {
            // never a lead: applied to the meeting or recorded with the reason it was not
            kind = "ITIP_REPLY";
            MeetingReplies.Outcome outcome = replies.apply(author, reply.message().from().map(Mailbox::address), reply.calendar());
            caseId = outcome.caseId();
            summary = outcome.summary();
        } else if (decision instanceof RoutingDecision.NewCase n) {
            kind = "NEW_CASE";
            caseId = newCase(author, inboundId, n);
        } else if (decision instanceof RoutingDecision.ReplyToCase r) {
            kind = "REPLY";
            caseId = r.caseId();
            reply(author, inboundId, r);
        } else if (decision instanceof RoutingDecision.Bounce b) {
            kind = "BOUNCE";
            outboxId = b.outboundId().flatMap(CaseMailSink::number).orElse(null);
            caseId = bounce(author, inboundId, b, outboxId);
        } else if (decision instanceof RoutingDecision.Dropped) {
            kind = "DROPPED";
        } else {
            kind = "DEAD_LETTER";
        }
        String shortened = ColumnText.shorten(summary, 2000);
        if (batch.isPresent()) {
            batch.get().decision(inboundId, kind, caseId, outboxId, shortened);
        } else {
            jdbc.sql("INSERT INTO routing_decision (inbound_id, kind, case_id, outbox_id, summary) VALUES (?, ?, ?, ?, ?)")
                    .params(inboundId, kind, caseId, outboxId, shortened).update();
        }
    }

    private long newCase(SwitchboardUser author, long inboundId, RoutingDecision.NewCase n) {
        MailAliases.MailAlias alias = directory.aliasOf(n.alias().target())
                .orElseThrow(() -> new IllegalStateException("alias " + n.alias().address() + " vanished"));
        ParsedMessage m = n.message();
        ObjectNode body = CaseMessages.caseFields(m, alias.caseType(), alias.teamId(), n.partnerId().map(Long::parseLong));
        Opportunity created = cases.create(author, new OpportunityDraft().apply(body));
        messages.log(author, created, inboundId, m);
        return created.id();
    }

    private void reply(SwitchboardUser author, long inboundId, RoutingDecision.ReplyToCase r) {
        Opportunity c = cases.get(r.caseId());
        if (c.state().closed() && reopens(inboundId)) {
            OpportunityDraft d = OpportunityDraft.of(c).apply(JSON.createObjectNode().put("state", "OPEN"));
            c = cases.update(author, c.id(), d, new Versions.ClaimedVersion(c.version(), HttpStatus.CONFLICT));
        }
        messages.log(author, c, inboundId, r.message());
    }

    /** A customer's reply reopens a closed case when one of the aliases it was sent to says so. */
    private boolean reopens(long inboundId) {
        String recipients = jdbc.sql("SELECT recipients FROM inbound_message WHERE id = ?").param(inboundId).query(String.class).single();
        for (String recipient : recipients.split("\n")) {
            String base = ReplyToken.baseAddress(recipient);
            Optional<MailAliases.MailAlias> alias = aliases.byAddress(base)
                    .or(() -> aliases.byAddress(base.substring(base.lastIndexOf('@'))));
            if (alias.map(MailAliases.MailAlias::reopenClosed).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private Long bounce(SwitchboardUser author, long inboundId, RoutingDecision.Bounce b, Long outboxId) {
        jdbc.sql("INSERT INTO mail_bounce (address, outbox_id, inbound_id, permanent, status) VALUES (?, ?, ?, ?, ?)")
                .params(b.bouncingAddress().map(a -> ColumnText.shorten(a.toLowerCase(java.util.Locale.ROOT), 254)).orElse(null), outboxId, inboundId,
                        b.permanent(), ColumnText.shorten(b.status(), 200))
                .update();
        Long caseId = outboxId == null ? null
                : jdbc.sql("SELECT case_id FROM outbox_message WHERE id = ?").param(outboxId).query(Long.class).optional().orElse(null);
        if (caseId != null) {
            Opportunity c = cases.get(caseId);
            String summary = (b.permanent() ? "Bounce: " : "Delivery delayed: ") + b.bouncingAddress().orElse("a recipient")
                    + " (" + b.status() + ", message " + outboxId + ")";
            cases.record(author, c, HistoryKind.NOTE, ColumnText.shorten(summary, 1000), ColumnText.shorten(b.message().textBody(), 100_000), List.of());
        }
        return caseId;
    }

    private static Optional<Long> number(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

}
