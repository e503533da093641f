package org.switchboard.server.opportunity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Versions;
import org.switchboard.server.history.HistoryEntry.Change;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerDraft;
import org.switchboard.server.partner.PartnerKind;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.Stage;
import org.switchboard.server.team.TeamRepository;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * Creating and changing cases. Every change a user would want to see later writes one history entry
 * (pointing at the case and its partner) in the same transaction as the change.
 */
@Service
public class OpportunityService {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private final OpportunityRepository cases;
    private final PartnerRepository partners;
    private final TeamRepository teams;
    private final UserRepository users;
    private final HistoryRepository history;
    private final CaseAccess access;

    public OpportunityService(OpportunityRepository cases, PartnerRepository partners, TeamRepository teams, UserRepository users,
            HistoryRepository history, CaseAccess access) {
        this.cases = cases;
        this.partners = partners;
        this.teams = teams;
        this.users = users;
        this.history = history;
        this.access = access;
    }

    public Opportunity get(long id) {
        return cases.find(id).orElseThrow(() -> ApiException.notFound("case", id));
    }

    @Transactional
    public Opportunity create(SwitchboardUser actor, OpportunityDraft d) {
        access.requireCreate(actor, d.type);
        if (!d.named("teamId")) {
            d.teamId = teams.teamIdsOf(actor.id()).stream().findFirst().orElse(null);
        }
        if (!d.named("responsibleId") && actor.role().sells()) {
            d.responsibleId = actor.id();
        }
        access.requireAssign(actor, null, d.responsibleId);
        if (!d.named("stageId")) {
            d.stageId = teams.firstStage(d.teamId).map(Stage::id).orElse(null);
        }
        validate(d);
        applyStageProbability(d, null);
        syncPartnerName(d);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long id = cases.insert(d, d.state.closed(), d.state == CaseState.NEW ? null : now, d.state.closed() ? now : null);
        Opportunity created = get(id);
        record(actor, created, HistoryKind.CREATED, (d.type == CaseType.LEAD ? "Lead" : "Opportunity") + " created", null, List.of());
        return created;
    }

    /** Applies a merge-patch to a case the client read at version {@code claimed}. */
    @Transactional
    public Opportunity update(SwitchboardUser actor, long id, OpportunityDraft d, Versions.ClaimedVersion claimed) {
        Opportunity before = get(id);
        claimed.check(before.version());
        access.requireEdit(actor, before);
        access.requireAssign(actor, before.responsibleId(), d.responsibleId);
        if (d.type == CaseType.LEAD && before.type() == CaseType.OPPORTUNITY) {
            throw ApiException.invalid("type", "an opportunity cannot become a lead again");
        }
        validate(d);
        applyStageProbability(d, before);
        return writeAndRecord(actor, before, d, claimed.staleStatus());
    }

    /** Sets the Responsible of several cases; each change is checked and recorded like a single one. */
    @Transactional
    public List<Opportunity> assign(SwitchboardUser actor, List<Long> ids, Long responsibleId) {
        List<Opportunity> result = new ArrayList<>();
        for (long id : ids) {
            Opportunity before = get(id);
            access.requireAssign(actor, before.responsibleId(), responsibleId);
            OpportunityDraft d = OpportunityDraft.of(before);
            d.responsibleId = responsibleId;
            validateResponsible(d.responsibleId);
            result.add(writeAndRecord(actor, before, d, HttpStatus.CONFLICT));
        }
        return result;
    }

    @Transactional
    public void addNote(SwitchboardUser actor, long id, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("text", "a note needs some text");
        }
        if (text.length() > 100_000) {
            throw ApiException.invalid("text", "a note is at most 100,000 characters");
        }
        Opportunity c = get(id);
        String firstLine = text.strip().lines().findFirst().orElse("");
        record(actor, c, HistoryKind.NOTE, "Note: " + (firstLine.length() > 120 ? firstLine.substring(0, 119) + "…" : firstLine),
                text.strip(), List.of());
    }

    /** Records an entry on a case's history; for other features (mail, calls, meetings). */
    @Transactional
    public void record(SwitchboardUser actor, Opportunity c, HistoryKind kind, String summary, String body, List<Change> changes) {
        history.append(new HistoryRepository.NewEntry(c.id(), c.partnerId(), c.contactId(), actor == null ? null : actor.id(), kind,
                summary, body, changes));
    }

    /**
     * Qualifies a lead into an opportunity, linked to a partner: the one given, else one owning the lead's
     * email, else a company of the lead's company name, else a new partner made from the lead.
     */
    @Transactional
    public Opportunity convert(SwitchboardUser actor, long id, Long partnerId, Long responsibleId, boolean responsibleNamed,
            Versions.ClaimedVersion claimed) {
        Opportunity lead = get(id);
        claimed.check(lead.version());
        if (lead.type() != CaseType.LEAD) {
            throw ApiException.conflict("case " + id + " is already an opportunity");
        }
        access.requireEdit(actor, lead);
        OpportunityDraft d = OpportunityDraft.of(lead);
        d.type = CaseType.OPPORTUNITY;
        if (d.state == CaseState.NEW) {
            d.state = CaseState.OPEN;
        }
        if (responsibleNamed) {
            access.requireAssign(actor, lead.responsibleId(), responsibleId);
            d.responsibleId = responsibleId;
        }
        String how = linkPartner(d, lead, partnerId);
        validate(d);
        List<Change> changes = new ArrayList<>(List.of(new Change("type", "Lead", "Opportunity")));
        Written written = write(lead, d, claimed.staleStatus());
        written.entries().forEach(e -> changes.addAll(e.changes()));
        Opportunity converted = written.after();
        history.repoint(id, converted.partnerId(), converted.contactId());
        record(actor, converted, HistoryKind.CONVERTED, "Converted to an opportunity; partner " + converted.partnerName() + " (" + how + ")",
                null, changes);
        return converted;
    }

    private String linkPartner(OpportunityDraft d, Opportunity lead, Long partnerId) {
        if (partnerId != null) {
            partners.find(partnerId).orElseThrow(() -> ApiException.invalid("partnerId", "partner " + partnerId + " does not exist"));
            d.partnerId = partnerId;
            d.contactId = null;
            return "chosen";
        }
        if (lead.partnerId() != null) {
            return "already linked";
        }
        String address = EmailAddress.normalize(lead.email());
        if (address != null) {
            List<Partner> owners = partners.findByEmail(address);
            if (!owners.isEmpty()) {
                d.partnerId = owners.get(0).id();
                d.contactId = null;
                return "matched by email";
            }
        }
        if (lead.partnerName() != null) {
            var company = partners.findCompanyByName(lead.partnerName());
            if (company.isPresent()) {
                d.partnerId = company.get().id();
                if (lead.contactName() != null || address != null) {
                    d.contactId = partners.insert(PartnerDraft.person(
                            lead.contactName() != null ? lead.contactName() : lead.email(), company.get().id(), lead.email(), lead.phone()));
                }
                return "matched by company name";
            }
            long companyId = partners.insert(PartnerDraft.company(lead.partnerName()));
            d.partnerId = companyId;
            if (lead.contactName() != null || address != null) {
                d.contactId = partners.insert(PartnerDraft.person(
                        lead.contactName() != null ? lead.contactName() : lead.email(), companyId, lead.email(), lead.phone()));
            }
            return "created";
        }
        if (lead.contactName() != null || address != null) {
            d.partnerId = partners.insert(PartnerDraft.person(
                    lead.contactName() != null ? lead.contactName() : lead.email(), null, lead.email(), lead.phone()));
            return "created";
        }
        throw ApiException.invalid("partnerId", "the lead names no company, contact or email: choose a partner");
    }

    /** A history entry a write produced, recorded by the caller (or merged into one, as conversion does). */
    private record Pending(HistoryKind kind, String summary, List<Change> changes) {
    }

    /** The case as written, and the history entries the write calls for. */
    private record Written(Opportunity after, List<Pending> entries) {
    }

    /** Writes a change, records one history entry per kind of change, and returns the case as written. */
    private Opportunity writeAndRecord(SwitchboardUser actor, Opportunity before, OpportunityDraft d, HttpStatus staleStatus) {
        Written written = write(before, d, staleStatus);
        written.entries().forEach(e -> record(actor, written.after(), e.kind(), e.summary(), null, e.changes()));
        return written.after();
    }

    private Written write(Opportunity before, OpportunityDraft d, HttpStatus staleStatus) {
        syncPartnerName(d);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime openedAt = before.openedAt() != null ? before.openedAt().atOffset(ZoneOffset.UTC)
                : d.state != CaseState.NEW ? now : null;
        OffsetDateTime closedAt = !d.state.closed() ? null
                : before.state().closed() && before.closedAt() != null ? before.closedAt().atOffset(ZoneOffset.UTC) : now;
        if (!cases.update(before.id(), d, d.state.closed(), openedAt, closedAt, before.version())) {
            throw new ApiException(staleStatus, "the case changed since you read it: read it again", null);
        }
        Opportunity after = get(before.id());
        List<Pending> entries = new ArrayList<>();
        if (!Objects.equals(before.stageId(), after.stageId())) {
            List<Change> changes = new ArrayList<>(List.of(new Change("stage", before.stageName(), after.stageName())));
            compare(changes, "probability", percent(before), percent(after));
            entries.add(new Pending(HistoryKind.STAGE, "Stage: " + name(before.stageName()) + " → " + name(after.stageName()), changes));
        }
        if (before.state() != after.state()) {
            String reason = after.state() == CaseState.LOST && after.lostReason() != null ? " (" + after.lostReason() + ")" : "";
            entries.add(new Pending(HistoryKind.STATE, "State: " + label(before.state()) + " → " + label(after.state()) + reason,
                    List.of(new Change("state", label(before.state()), label(after.state())))));
        }
        if (!Objects.equals(before.responsibleId(), after.responsibleId())) {
            entries.add(new Pending(HistoryKind.RESPONSIBLE,
                    "Responsible: " + name(before.responsibleName()) + " → " + name(after.responsibleName()),
                    List.of(new Change("responsible", before.responsibleName(), after.responsibleName()))));
        }
        List<Change> other = otherChanges(before, after);
        if (!Objects.equals(before.stageId(), after.stageId()) || before.state() != after.state()) {
            // The probability followed the stage or state: the entry above shows it.
            other.removeIf(c -> c.field().equals("probability"));
        }
        if (!other.isEmpty()) {
            entries.add(new Pending(HistoryKind.UPDATED, "Changed " + String.join(", ", other.stream().map(Change::field).toList()), other));
        }
        return new Written(after, entries);
    }

    /** The fields besides stage, state and Responsible whose changes the history shows. */
    private static List<Change> otherChanges(Opportunity a, Opportunity b) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "name", a.name(), b.name());
        compare(changes, "partner", a.partnerName(), b.partnerName());
        compare(changes, "expected revenue", money(a), money(b));
        compare(changes, "probability", percent(a), percent(b));
        compare(changes, "expected closing", a.expectedClosing(), b.expectedClosing());
        compare(changes, "next action", a.nextAction(), b.nextAction());
        compare(changes, "next action date", a.nextActionDate(), b.nextActionDate());
        compare(changes, "priority", a.priority(), b.priority());
        compare(changes, "team", a.teamName(), b.teamName());
        compare(changes, "categories", String.join(", ", a.categories()), String.join(", ", b.categories()));
        compare(changes, "description", a.description() == null ? null : "…", Objects.equals(a.description(), b.description())
                ? (a.description() == null ? null : "…") : (b.description() == null ? null : "(edited)"));
        return changes;
    }

    private static void compare(List<Change> changes, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            changes.add(new Change(field, a == null ? null : a.toString(), b == null ? null : b.toString()));
        }
    }

    private static String percent(Opportunity o) {
        return o.probability().stripTrailingZeros().toPlainString() + " %";
    }

    private static String money(Opportunity o) {
        return o.expectedRevenue().stripTrailingZeros().toPlainString() + " " + o.currency();
    }

    private void validate(OpportunityDraft d) {
        if (d.name == null) {
            throw ApiException.invalid("name", "name is required");
        }
        if (!CURRENCY.matcher(d.currency).matches()) {
            throw ApiException.invalid("currency", "currency must be an ISO 4217 code such as EUR");
        }
        if (d.email != null && !EmailAddress.isValid(d.email)) {
            throw ApiException.invalid("email", "'" + d.email + "' is not an email address");
        }
        if (d.teamId != null && !teams.exists(d.teamId)) {
            throw ApiException.invalid("teamId", "team " + d.teamId + " does not exist");
        }
        if (d.stageId != null) {
            Stage stage = teams.stage(d.stageId).orElseThrow(() -> ApiException.invalid("stageId", "stage " + d.stageId + " does not exist"));
            if (!stage.usableBy(d.teamId)) {
                throw ApiException.invalid("stageId", "stage " + stage.name() + " belongs to another team");
            }
        }
        validateResponsible(d.responsibleId);
        validatePartner(d);
    }

    private void validateResponsible(Long responsibleId) {
        if (responsibleId == null) {
            return;
        }
        User user = users.find(responsibleId)
                .orElseThrow(() -> ApiException.invalid("responsibleId", "user " + responsibleId + " does not exist"));
        if (!user.active() || !user.role().sells()) {
            throw ApiException.invalid("responsibleId", user.displayName() + " is not a salesperson");
        }
    }

    /** A person given as the partner becomes the contact of her company. */
    private void validatePartner(OpportunityDraft d) {
        if (d.partnerId != null) {
            Partner p = partners.find(d.partnerId)
                    .orElseThrow(() -> ApiException.invalid("partnerId", "partner " + d.partnerId + " does not exist"));
            if (p.kind() == PartnerKind.PERSON && p.companyId() != null && d.contactId == null) {
                d.partnerId = p.companyId();
                d.contactId = p.id();
            }
        }
        if (d.contactId != null) {
            Partner contact = partners.find(d.contactId)
                    .orElseThrow(() -> ApiException.invalid("contactId", "partner " + d.contactId + " does not exist"));
            if (d.partnerId == null) {
                d.partnerId = contact.companyId() != null ? contact.companyId() : contact.id();
            }
            if (contact.id() != d.partnerId && !Objects.equals(contact.companyId(), d.partnerId)) {
                throw ApiException.invalid("contactId", contact.name() + " is not a contact of the case's partner");
            }
            if (contact.id() == d.partnerId) {
                d.contactId = null;
            }
        }
    }

    /** Entering a stage sets its probability unless the client set one; winning is 100 %, losing 0 %. */
    private void applyStageProbability(OpportunityDraft d, Opportunity before) {
        boolean stageChanged = before == null || !Objects.equals(before.stageId(), d.stageId);
        if (stageChanged && !d.named("probability") && d.stageId != null) {
            d.probability = teams.stage(d.stageId).map(Stage::probability).orElse(d.probability);
        }
        boolean stateChanged = before == null || before.state() != d.state;
        if (stateChanged && d.state == CaseState.WON) {
            d.probability = new BigDecimal(100);
        } else if (stateChanged && (d.state == CaseState.LOST || d.state == CaseState.CANCELLED)) {
            d.probability = BigDecimal.ZERO;
        }
        if (d.probability == null) {
            d.probability = BigDecimal.ZERO;
        }
    }

    /** The partner's display name is kept on the case so lists and the text search need no join. */
    private void syncPartnerName(OpportunityDraft d) {
        if (d.partnerId != null) {
            partners.find(d.partnerId).ifPresent(p -> d.partnerName = p.name());
        }
        if (d.contactId != null) {
            partners.find(d.contactId).ifPresent(p -> {
                d.contactName = p.name();
                if (d.email == null && !p.emails().isEmpty()) {
                    d.email = p.emails().get(0);
                }
            });
        }
    }

    private static String name(String s) {
        return s == null ? "none" : s;
    }

    static String label(CaseState s) {
        String n = s.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
