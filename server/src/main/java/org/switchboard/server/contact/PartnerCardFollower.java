package org.switchboard.server.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import ezvcard.VCard;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.switchboard.server.dav.DavObjectChange;
import org.switchboard.server.dav.DavWriteListener;
import org.switchboard.server.history.HistoryEntry;
import org.switchboard.server.history.HistoryKind;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerDraft;
import org.switchboard.server.partner.PartnerKind;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;

/**
 * A client's card write to {@code /dav/<user>/crm-contacts/} becomes a partner write, in the same
 * transaction (docs/adr/0011): a changed card updates its partner's fields, a new card creates a partner
 * (a person, or a company when the card is KIND:org; a person's ORG links the company of that name, made
 * when there is none), a deleted card archives its partner. Each writes a history entry on the partner's
 * events naming the client. A card that says what the partner already says (only a PHOTO or an X-
 * property changed) writes nothing. Contact groups are kept as cards but are not partners.
 */
@Component
class PartnerCardFollower implements DavWriteListener {
    private final PartnerCardRepository cards;
    private final PartnerRepository partners;
    private final HistoryRepository history;

    PartnerCardFollower(PartnerCardRepository cards, PartnerRepository partners, HistoryRepository history) {
        this.cards = cards;
        this.partners = partners;
        this.history = history;
    }

    @Override
    public void changed(DavObjectChange change) {
        if (!CrmAddressBook.NAME.equals(change.collection())) {
            return;
        }
        Optional<Partner> partner = cards.partnerOf(change.name()).flatMap(partners::find);
        if (change.deleted()) {
            partner.ifPresent(this::archive);
            return;
        }
        VCard card = PartnerCard.parse(change.object().data());
        if (card == null || CardFields.isGroup(card)) {
            return;
        }
        CardFields fields = CardFields.of(card);
        if (fields.name() == null) {
            return; // the engine refuses a card without FN; a blank one names nobody
        }
        if (partner.isEmpty()) {
            create(change.name(), fields);
        } else {
            update(partner.get(), fields);
        }
    }

    private void create(String objectName, CardFields f) {
        Long companyId = f.kind() == PartnerKind.PERSON && f.org() != null ? companyNamed(f.org(), null) : null;
        long id = partners.insert(draft(f, f.kind(), companyId));
        cards.link(id, objectName);
        Partner p = partners.find(id).orElseThrow();
        record(p, HistoryKind.CREATED, "Created from " + CardClient.current(), List.of());
    }

    private void update(Partner current, CardFields f) {
        Partner before = current;
        // the client's edit wins over the CRM row as it is now; an API edit names its version and so sees
        // this one as a conflict (412) rather than overwriting it. A partner written between our read and
        // our update (an import, the API) is read again, so the client's edit is never dropped.
        for (int attempt = 0; attempt < 3; attempt++) {
            CardFields was = CardFields.of(before);
            // the kind stays: a company with contacts cannot become a person from a client's checkbox
            CardFields now = new CardFields(before.kind(), f.name(), before.kind() == PartnerKind.PERSON ? f.org() : null, f.jobTitle(),
                    f.emails(), f.phone(), f.mobile(), f.street(), f.zip(), f.city(), f.country(), f.website(), f.categories(), f.notes());
            if (now.equals(was) && !before.archived()) {
                return;
            }
            Long companyId = before.companyId();
            if (before.kind() == PartnerKind.PERSON && !Objects.equals(was.org(), now.org())) {
                companyId = now.org() == null ? null : companyNamed(now.org(), before.id());
            }
            if (partners.update(before.id(), draft(now, before.kind(), companyId), before.version())) {
                record(partners.find(before.id()).orElseThrow(), HistoryKind.UPDATED, "Changed from " + CardClient.current(),
                        changes(was, now));
                return;
            }
            before = partners.find(before.id()).orElseThrow();
        }
        throw new IllegalStateException("partner " + current.id() + " kept changing while a card was written; the client may retry");
    }

    private void archive(Partner current) {
        cards.unlink(current.id());
        Partner p = current;
        for (int attempt = 0; attempt < 3 && !p.archived(); attempt++) {
            if (partners.update(p.id(), PartnerDraft.archivedCopyOf(p), p.version())) {
                record(p, HistoryKind.UPDATED, "Archived from " + CardClient.current() + " (card deleted)",
                        List.of(new HistoryEntry.Change("archived", "no", "yes")));
                return;
            }
            p = partners.find(p.id()).orElseThrow(); // written meanwhile: archive what it is now
        }
    }

    /** The active company of that name, or a new one (a card's ORG names a company the CRM should know). */
    private long companyNamed(String name, Long self) {
        Optional<Partner> found = partners.findCompanyByName(name).filter(c -> self == null || c.id() != self);
        return found.map(Partner::id).orElseGet(() -> partners.insert(PartnerDraft.company(name)));
    }

    private static PartnerDraft draft(CardFields f, PartnerKind kind, Long companyId) {
        return PartnerDraft.of(kind, f.name(), companyId, f.jobTitle(), f.emails(), f.phone(), f.mobile(), f.street(), f.zip(), f.city(),
                f.country(), f.website(), f.categories(), f.notes());
    }

    private void record(Partner p, HistoryKind kind, String summary, List<HistoryEntry.Change> changes) {
        Long contact = p.companyId() != null ? p.id() : null;
        history.append(new HistoryRepository.NewEntry(null, p.commercialId(), contact, actorId(), kind, summary, null, changes));
    }

    private static List<HistoryEntry.Change> changes(CardFields a, CardFields b) {
        List<HistoryEntry.Change> out = new ArrayList<>();
        diff(out, "name", a.name(), b.name());
        diff(out, "company", a.org(), b.org());
        diff(out, "job title", a.jobTitle(), b.jobTitle());
        diff(out, "emails", String.join(", ", a.emails()), String.join(", ", b.emails()));
        diff(out, "phone", a.phone(), b.phone());
        diff(out, "mobile", a.mobile(), b.mobile());
        diff(out, "street", a.street(), b.street());
        diff(out, "zip", a.zip(), b.zip());
        diff(out, "city", a.city(), b.city());
        diff(out, "country", a.country(), b.country());
        diff(out, "website", a.website(), b.website());
        diff(out, "categories", String.join(", ", a.categories()), String.join(", ", b.categories()));
        diff(out, "notes", a.notes(), b.notes());
        return out;
    }

    private static void diff(List<HistoryEntry.Change> out, String field, String from, String to) {
        String f = from == null || from.isEmpty() ? null : from;
        String t = to == null || to.isEmpty() ? null : to;
        if (!Objects.equals(f, t)) {
            out.add(new HistoryEntry.Change(field, f, t));
        }
    }

    private static Long actorId() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SwitchboardUser u ? u.id() : null;
    }

}
