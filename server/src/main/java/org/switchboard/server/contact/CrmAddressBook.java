package org.switchboard.server.contact;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.switchboard.dav.DavObjects;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.server.dav.DavObjectStore;
import org.switchboard.server.dav.EveryHomeCollection;
import org.switchboard.server.dav.LockedCollection;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.web.PublicUrl;

/**
 * {@code /dav/<user>/crm-contacts/}: one vCard per active partner, the same cards for every user
 * (docs/adr/0011). The cards are stored objects; they follow the partners through the {@code partner_change}
 * queue, which every partner write appends to. Before a request uses the book, the queue is drained under
 * the collection's lock: each written partner's card is re-rendered ({@link PartnerCard}: only the fields
 * that differ are replaced) and written through the change log, an archived partner's card is deleted.
 * A partner written by a client's card renders to the same fields, so the client's bytes stay.
 */
@Component
class CrmAddressBook implements EveryHomeCollection {
    static final String NAME = "crm-contacts";
    /** Queue rows handled per transaction: the first request after a large import writes in bounded steps. */
    private static final int BATCH = 500;
    private final PartnerCardRepository cards;
    private final PartnerRepository partners;
    private final ObjectProvider<DavObjectStore> store;
    private final PublicUrl publicUrl;

    CrmAddressBook(PartnerCardRepository cards, PartnerRepository partners, ObjectProvider<DavObjectStore> store, PublicUrl publicUrl) {
        this.cards = cards;
        this.partners = partners;
        // the store reaches the backend, which asks this book to catch up: resolved when first needed
        this.store = store;
        this.publicUrl = publicUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void catchUp() {
        while (cards.anyChange()) {
            Boolean more = store.getObject().underLock(NAME, this::catchUpBatch);
            if (more == null || !more) {
                return;
            }
        }
    }

    /** One batch of the queue, read under the lock; true when there may be more. */
    private boolean catchUpBatch(LockedCollection book) {
        List<PartnerCardRepository.Change> changes = cards.changes(BATCH);
        if (changes.isEmpty()) {
            return false;
        }
        Set<Long> ids = new LinkedHashSet<>();
        changes.forEach(c -> ids.add(c.partnerId()));
        Map<Long, Partner> byId = new HashMap<>();
        partners.findAll(ids).forEach(p -> byId.put(p.id(), p));
        Map<Long, String> names = cards.objectNames(ids);
        Map<String, DavObject> stored = new HashMap<>();
        book.getAll(names.values()).forEach(o -> stored.put(o.name(), o));
        List<DavObject> rendered = new ArrayList<>();
        for (long id : ids) {
            Partner p = byId.get(id);
            String name = names.get(id);
            if (p == null || p.archived()) {
                if (name != null) {
                    if (stored.containsKey(name)) {
                        book.delete(name);
                    }
                    cards.unlink(id);
                }
                continue;
            }
            DavObject old = name == null ? null : stored.get(name);
            byte[] bytes = PartnerCard.render(p, uid(id), old == null ? null : old.data());
            if (bytes == null) {
                continue;
            }
            if (name == null) {
                name = "switchboard-partner-" + id + ".vcf";
                cards.link(id, name);
            }
            rendered.add(card(name, bytes));
        }
        book.putAll(rendered);
        cards.handled(changes.stream().map(PartnerCardRepository.Change::id).toList());
        return changes.size() == BATCH;
    }

    /** Stable once written: the UID stays in the stored card, whatever the server's address becomes later. */
    private String uid(long partnerId) {
        String host = URI.create(publicUrl.of("")).getHost();
        return "switchboard-partner-" + partnerId + "@" + (host == null ? "switchboard" : host);
    }

    private static DavObject card(String name, byte[] bytes) {
        try {
            return DavObjects.vcardObject(name, bytes);
        } catch (InvalidObjectException e) {
            throw new IllegalStateException("a rendered partner card is not a valid vCard: " + e.getMessage(), e);
        }
    }
}
