package org.switchboard.server.phonecall;

import org.switchboard.server.calendar.Meeting;
import org.switchboard.server.calendar.MeetingAttendee;
import org.switchboard.server.calendar.MeetingService;

import org.switchboard.server.storage.ColumnText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Versions;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityDraft;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.TeamRepository;
import org.switchboard.server.user.Role;
import org.switchboard.server.user.UserRepository;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logging calls, the outcomes of calls to make, and what a call leads to (another call, an opportunity, a
 * partner). Every logged call and every outcome writes one CALL entry in the history: on the call's
 * opportunity if it has one, and always on the partner's events.
 */
@Service
public class PhoneCallService {
    private final PhoneCallRepository calls;
    private final ClaimStatement claim;
    private final MeetingService meetings;
    private final PartnerRepository partners;
    private final PartnerMatcher matcher;
    private final PhoneNumbers phones;
    private final OpportunityService opportunities;
    private final HistoryRepository history;
    private final UserRepository users;
    private final TeamRepository teams;
    private final CampaignRepository campaigns;
    private final Duration retryDelay;
    private final int maxAttempts;

    public PhoneCallService(MeetingService meetings, PhoneCallRepository calls, ClaimStatement claim, PartnerRepository partners,
            PartnerMatcher matcher,
            PhoneNumbers phones, OpportunityService opportunities, HistoryRepository history, UserRepository users, TeamRepository teams,
            CampaignRepository campaigns, @Value("${switchboard.calls.retry-delay:PT1H}") Duration retryDelay, @Value("${switchboard.calls.max-attempts:3}") int maxAttempts) {
        this.meetings = meetings;
        this.calls = calls;
        this.claim = claim;
        this.partners = partners;
        this.matcher = matcher;
        this.phones = phones;
        this.opportunities = opportunities;
        this.history = history;
        this.users = users;
        this.teams = teams;
        this.campaigns = campaigns;
        this.retryDelay = retryDelay;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    public PhoneCall get(long id) {
        return calls.find(id).orElseThrow(() -> ApiException.notFound("call", id));
    }

    /** A call to make (state TODO, the default) or one already made (HELD/NOT_HELD), which goes into the history at once. */
    @Transactional
    public PhoneCall create(SwitchboardUser actor, CallDraft d) {
        if (!d.named("responsibleId")) {
            d.responsibleId = actor.id();
        }
        if (d.state == CallState.CANCELLED) {
            throw ApiException.invalid("state", "a new call is TODO, HELD or NOT_HELD");
        }
        validate(d);
        Instant now = Instant.now();
        if (d.state == CallState.TODO && d.dueAt == null) {
            d.dueAt = now;
        }
        if (d.state.closed() && d.callDate == null) {
            d.callDate = now;
        }
        PhoneCall created = get(calls.insert(d, null));
        if (created.state().closed()) {
            record(actor, created, created.caseId(), (created.state() == CallState.HELD ? "Call held with " : "Call not held with ")
                    + created.who() + ": " + created.summary(), created.notes());
        }
        return created;
    }

    @Transactional
    public PhoneCall update(SwitchboardUser actor, long id, CallDraft d, Versions.ClaimedVersion claimed) {
        PhoneCall before = get(id);
        claimed.check(before.version());
        validate(d);
        if (!calls.update(id, d, before.version())) {
            throw new ApiException(claimed.staleStatus(), "the call changed since you read it: read it again", null);
        }
        return get(id);
    }

    /**
     * The operator's outcome. HELD closes the call (optionally converting it into an opportunity for a
     * team); NOT_HELD puts it back in the queue after the retry delay, or cancels it once it reached the
     * maximum number of attempts; CANCEL closes it. A call closed by someone else meanwhile is a 409.
     * With {@code seen} (the version the operator's screen showed), a repeated submission of the same
     * outcome (double click, a key and its access key, a browser retry) is refused instead of counting a
     * second attempt: NOT_HELD leaves the call TODO, so the state alone cannot tell.
     */
    @Transactional
    public PhoneCall outcome(SwitchboardUser actor, long id, CallOutcome outcome, String notes, boolean convert, Long teamId,
            Versions.ClaimedVersion seen) {
        PhoneCall call = get(id);
        if (seen != null) {
            seen.check(call.version());
        }
        if (call.state().closed()) {
            throw ApiException.conflict("call " + id + " is already closed (" + call.state() + ")");
        }
        if (call.claimedBy() != null && call.claimedBy() != actor.id() && !actor.role().assignsAnyCase()) {
            throw ApiException.conflict("call " + id + " is being worked by another operator");
        }
        if (convert && outcome != CallOutcome.HELD) {
            throw ApiException.invalid("convert", "only a held call converts into an opportunity");
        }
        String allNotes = notes == null || notes.isBlank() ? call.notes()
                : call.notes() == null ? notes.strip() : call.notes() + "\n" + notes.strip();
        int attempts = call.attempts() + 1;
        CallState state;
        Instant due = call.dueAt();
        String reason = null;
        String summary;
        Long caseId = call.caseId();
        Long converted = null;
        switch (outcome) {
            case HELD -> {
                state = CallState.HELD;
                summary = "Call held with " + call.who() + ": " + call.summary();
                if (convert) {
                    Opportunity o = convert(actor, call, teamId, allNotes);
                    caseId = o.id();
                    converted = o.id();
                    summary += " (converted into " + o.name() + ")";
                }
            }
            case NOT_HELD -> {
                if (attempts >= maxAttempts) {
                    state = CallState.CANCELLED;
                    reason = "not held " + attempts + " times: cancelled automatically";
                    summary = "Call not held with " + call.who() + " (attempt " + attempts + " of " + maxAttempts + "): " + reason;
                } else {
                    state = CallState.TODO;
                    due = Instant.now().plus(retryDelay);
                    summary = "Call not held with " + call.who() + " (attempt " + attempts + " of " + maxAttempts + "): retry after " + due;
                }
            }
            default -> {
                state = CallState.CANCELLED;
                reason = "cancelled by " + actor.displayName();
                summary = "Call cancelled: " + call.summary() + " with " + call.who();
            }
        }
        if (!calls.close(id, call.attempts(), state, attempts, due, allNotes, reason, caseId, converted)) {
            throw ApiException.conflict("call " + id + " was closed or retried by someone else meanwhile: read it again");
        }
        PhoneCall after = get(id);
        record(actor, after, caseId, summary, notes == null || notes.isBlank() ? null : notes.strip());
        return after;
    }

    /**
     * Converts a call into an opportunity (a lead when an operator converts it: operators create leads only),
     * leaving its state alone: the outcome HELD with convert does both at once.
     */
    @Transactional
    public Opportunity convert(SwitchboardUser actor, long id, Long teamId) {
        PhoneCall call = get(id);
        Opportunity o = convert(actor, call, teamId, call.notes());
        if (!calls.markConverted(id, o.id())) {
            throw ApiException.conflict("call " + id + " was converted by someone else meanwhile");
        }
        record(actor, get(id), o.id(), "Call with " + call.who() + " converted into " + o.name(), null);
        return o;
    }

    private Opportunity convert(SwitchboardUser actor, PhoneCall call, Long teamId, String notes) {
        if (call.convertedCaseId() != null) {
            throw ApiException.conflict("call " + call.id() + " was already converted");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", actor.role() == Role.OPERATOR ? "LEAD" : "OPPORTUNITY");
        body.put("name", ColumnText.shorten(call.summary() + " – " + call.who(), 200));
        if (call.partnerId() != null) {
            body.put("partnerId", call.partnerId());
            if (call.contactId() != null) {
                body.put("contactId", call.contactId());
            }
        } else {
            putIfSet(body, "partnerName", call.partnerName());
            putIfSet(body, "contactName", call.contactName());
        }
        putIfSet(body, "phone", call.phone());
        putIfSet(body, "description", notes);
        if (teamId != null) {
            teams.find(teamId).orElseThrow(() -> ApiException.invalid("teamId", "team " + teamId + " does not exist"));
            body.put("teamId", teamId);
        }
        Opportunity o = opportunities.create(actor, new OpportunityDraft().apply(body));
        opportunities.record(actor, o, HistoryKind.CALL, "Created from a call with " + call.who() + ": " + call.summary(), notes, List.of());
        return o;
    }

    /** Schedules another call with the same party, to do at {@code dueAt}. */
    @Transactional
    public PhoneCall followUp(SwitchboardUser actor, long id, Instant dueAt, String summary) {
        PhoneCall call = get(id);
        CallDraft d = CallDraft.of(call);
        d.state = CallState.TODO;
        d.direction = CallDirection.OUTBOUND;
        d.summary = summary != null ? summary : call.summary();
        d.dueAt = dueAt != null ? dueAt : Instant.now().plus(Duration.ofDays(1));
        d.callDate = null;
        d.durationMinutes = null;
        d.notes = null;
        d.responsibleId = call.responsibleId() != null ? call.responsibleId() : actor.id();
        return get(calls.insert(d, null));
    }

    /**
     * Plans a meeting with the call's party: the call's partner and case, the contact invited when she has an
     * address, the call's summary as the title unless one is given. The meeting lands in the company calendar
     * and the case's history like any other.
     */
    @Transactional
    public Meeting scheduleMeeting(SwitchboardUser actor, long id, Instant start, Instant end, String title) {
        PhoneCall call = get(id);
        if (start == null) {
            throw ApiException.invalid("start", "start is required");
        }
        if (call.partnerId() == null) {
            throw ApiException.conflict("call " + id + " has no partner yet: create or link the partner first");
        }
        List<MeetingAttendee> invited = call.contactId() == null ? List.of()
                : partners.find(call.contactId()).filter(p -> !p.emails().isEmpty())
                        .map(p -> List.of(new MeetingAttendee(null, p.id(), null, null))).orElse(List.of());
        String party = call.contactName() != null ? call.contactName() : call.partnerName();
        return meetings.plan(actor, new MeetingService.Planned(title != null ? title : "Meeting with " + party, start, end, call.partnerId(),
                call.caseId(), "Planned from call: " + call.summary(), invited));
    }

    /** Links a call from an unknown caller to a partner: matched by phone, email or company name, else created. */
    @Transactional
    public PhoneCall createPartner(SwitchboardUser actor, long id) {
        PhoneCall call = get(id);
        if (call.partnerId() != null) {
            throw ApiException.conflict("call " + id + " already has a partner");
        }
        if (call.partnerName() == null && call.contactName() == null) {
            throw ApiException.invalid("partnerName", "name the caller (partnerName or contactName) first");
        }
        PartnerMatcher.Match m = matcher.matchOrCreate(call.partnerName(), call.contactName(), phones.e164(call.phone()).orElse(null), null);
        calls.setPartner(id, m.partnerId(), m.contactId(), m.partnerName(), m.contactName());
        return get(id);
    }

    /** The call I am working on, else the next due one claimed for me now; empty when the queue is empty. */
    public Optional<PhoneCall> claimNext(SwitchboardUser actor) {
        return claim.mineOrNext(actor.id());
    }

    private void record(SwitchboardUser actor, PhoneCall call, Long caseId, String summary, String body) {
        history.append(new HistoryRepository.NewEntry(caseId, call.partnerId(), call.contactId(), actor.id(), HistoryKind.CALL, summary, body,
                List.of()));
    }

    /** Checks references and fills the names kept on the row from the partner and case. */
    private void validate(CallDraft d) {
        if (d.summary == null) {
            throw ApiException.invalid("summary", "summary is required");
        }
        if (d.caseId != null) {
            Opportunity o = opportunities.get(d.caseId);
            if (d.partnerId == null && d.contactId == null) {
                d.partnerId = o.partnerId();
                d.contactId = o.contactId();
            }
        }
        if (d.contactId != null) {
            Partner contact = partners.find(d.contactId)
                    .orElseThrow(() -> ApiException.invalid("contactId", "partner " + d.contactId + " does not exist"));
            if (d.partnerId == null) {
                d.partnerId = contact.commercialId();
            }
            if (contact.id() != d.partnerId && !Objects.equals(contact.companyId(), d.partnerId)) {
                throw ApiException.invalid("contactId", contact.name() + " is not a contact of the call's partner");
            }
            d.contactName = contact.name();
            if (d.phone == null) {
                d.phone = contact.phone() != null ? contact.phone() : contact.mobile();
            }
        }
        if (d.partnerId != null) {
            Partner p = partners.find(d.partnerId)
                    .orElseThrow(() -> ApiException.invalid("partnerId", "partner " + d.partnerId + " does not exist"));
            if (p.companyId() != null && d.contactId == null) {
                // A person of a company given as the partner is the contact of that company.
                d.partnerId = p.companyId();
                d.contactId = p.id();
                d.contactName = p.name();
                d.partnerName = p.companyName();
            } else {
                d.partnerName = p.name();
            }
            if (d.phone == null) {
                d.phone = p.phone() != null ? p.phone() : p.mobile();
            }
        }
        if (d.contactId == null && d.partnerId != null && d.named("contactId")) {
            d.contactName = null;
        }
        if (d.responsibleId != null) {
            users.find(d.responsibleId).orElseThrow(() -> ApiException.invalid("responsibleId", "user " + d.responsibleId + " does not exist"));
        }
        // checked here, not by the database: phone_call has no foreign keys to teams and campaigns on PostgreSQL (V20)
        if (d.teamId != null && teams.find(d.teamId).isEmpty()) {
            throw ApiException.invalid("teamId", "team " + d.teamId + " does not exist");
        }
        if (d.campaignId != null && campaigns.find(d.campaignId).isEmpty()) {
            throw ApiException.invalid("campaignId", "campaign " + d.campaignId + " does not exist");
        }
        d.phone = phones.normalizeOrKeep(d.phone);
    }

    /** Managers of the call centre: campaigns, imports and lists are theirs. */
    static void requireManager(SwitchboardUser actor) {
        if (!actor.role().assignsAnyCase()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only administrators and sales managers run call campaigns", null);
        }
    }

    private static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

}
