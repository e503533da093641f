package org.switchboard.server.connector;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.mail.parse.Mailbox;
import org.switchboard.mail.parse.ParsedMessage;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.history.HistoryEntry;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.mail.CaseMessages;
import org.switchboard.server.opportunity.CaseAccess;
import org.switchboard.server.opportunity.CaseType;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityDraft;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.UserRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an add-in does with a message: make a case of it, or log it on a case. Either is one transaction
 * (the case, the kept message, its history entry and attachments, or nothing), and a message whose
 * Message-ID is already there is not logged twice.
 */
@Service
class MessageLogging {
    /** The fields of a case an add-in may set when it creates one without a message. */
    static final Set<String> CASE_FIELDS = Set.of("type", "name", "partnerId", "contactName", "email", "description", "teamId");
    private final OpportunityService cases;
    private final CaseAccess access;
    private final CaseMessages messages;
    private final PartnerRepository partners;
    private final HistoryRepository history;
    private final UserRepository users;

    MessageLogging(OpportunityService cases, CaseAccess access, CaseMessages messages, PartnerRepository partners, HistoryRepository history,
            UserRepository users) {
        this.users = users;
        this.cases = cases;
        this.access = access;
        this.messages = messages;
        this.partners = partners;
        this.history = history;
    }

    /** A case made (or found: {@code alreadyLogged}) for a message. */
    record CaseForMessage(Opportunity opportunity, boolean alreadyLogged) {
    }

    /** A message logged on a case: the new history entry, or none when it was {@code alreadyLogged}. */
    record LoggedMessage(long caseId, Optional<HistoryEntry> entry, boolean alreadyLogged) {
    }

    /**
     * A new case named after the subject, described by the text, for the partner owning the customer's
     * address (else the customer's name and address on the lead), holding the message.
     */
    @Transactional
    CaseForMessage createCase(SwitchboardUser user, HandedInMessage message, CaseType type, Long teamId) {
        Optional<String> messageId = message.parsed().messageId();
        Optional<Long> known = messageId.flatMap(id -> messages.caseOfThread(List.of(id)));
        if (known.isPresent()) {
            return new CaseForMessage(cases.get(known.get()), true);
        }
        Optional<Mailbox> customer = customer(message.parsed());
        Optional<Long> partnerId = customer.map(from -> EmailAddress.normalize(from.address()))
                .flatMap(address -> partners.findByEmail(address).stream().findFirst()).map(Partner::id);
        ObjectNode fields = CaseMessages.caseFields(message.parsed(), customer, type.name(), teamId, partnerId);
        Opportunity created = cases.create(user, new OpportunityDraft().apply(fields));
        messages.handIn(user, created, message.raw(), message.parsed());
        return new CaseForMessage(created, false);
    }

    /**
     * Whom the message is with: its sender, unless a Switchboard user sent it (a salesperson logs the offer
     * she sent from her Sent folder), then the first recipient who is not a user. Else the sender after all.
     */
    private Optional<Mailbox> customer(ParsedMessage m) {
        if (m.from().isEmpty() || !isUser(m.from().get())) {
            return m.from();
        }
        return Stream.concat(m.to().stream(), m.cc().stream()).filter(box -> !isUser(box)).findFirst().or(m::from);
    }

    private boolean isUser(Mailbox box) {
        String address = EmailAddress.normalize(box.address());
        return address != null && users.findActiveByEmail(address).isPresent();
    }

    /** A case from the fields an add-in filled in; the query's type and team apply when the body names none. */
    @Transactional
    Opportunity createCase(SwitchboardUser user, JsonNode body, CaseType type, Long teamId) {
        JsonFields.of(body, CASE_FIELDS);
        ObjectNode fields = ((ObjectNode) body).deepCopy();
        if (!fields.has("type")) {
            fields.put("type", type.name());
        }
        if (!fields.has("teamId") && teamId != null) {
            fields.put("teamId", teamId);
        }
        return cases.create(user, new OpportunityDraft().apply(fields));
    }

    /** Logs the message on a case the user may edit; a second time is a no-op answered {@code alreadyLogged}. */
    @Transactional
    LoggedMessage logOnCase(SwitchboardUser user, long caseId, HandedInMessage message) {
        Opportunity c = cases.get(caseId);
        access.requireEdit(user, c);
        Optional<String> messageId = message.parsed().messageId();
        if (messageId.isPresent() && messages.isLogged(caseId, messageId.get())) {
            return new LoggedMessage(caseId, Optional.empty(), true);
        }
        messages.handIn(user, c, message.raw(), message.parsed());
        return new LoggedMessage(caseId, history.forCase(caseId, null, 1).stream().findFirst(), false);
    }
}
