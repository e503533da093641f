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
 * queue, which every partner write appends to. The queue is drained under the collection's lock, one batch
 * per transaction: each written partner's card is re-rendered ({@link PartnerCard}: only the fields that
 * differ are replaced) and written through the change log, an archived partner's card is deleted. A partner
 * written by a client's card renders to the same fields, so the client's bytes stay.
 *
 * <p>Who drains (ADR 0014): {@link AddressBookCatchUp} in the background, always; and a request, before it
 * uses the book, when the queue holds at most one batch (the usual case: a few edits since the last
 * request), so the request sees them. A longer queue (an import) is left to the background job and the
 * request is served the cards as they are, instead of waiting for thousands of cards to be rendered.
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

    /** Before a request: a short queue now (one batch, under the lock), a long one is the background job's. */
    @Override
    public void catchUp() {
        int pending = cards.pending(BATCH + 1);
        if (pending > 0 && pending <= BATCH) {
            store.getObject().underLock(NAME, this::catchUpBatch);
        }
    }

    /**
     * Renders one batch of the queue in a transaction of its own, as the background job does; returns how
     * many queue rows it handled, 0 when the queue is empty. Safe with several servers on one database: the
     * batches are serialised by the collection's row lock, each reads the queue after taking it and deletes
     * only the rows it read.
     */
    int drainBatch() {
        if (cards.pending(1) == 0) {
            return 0;
        }
        Integer n = store.getObject().underLock(NAME, this::catchUpBatch);
        return n == null ? 0 : n; // null: no book (not migrated yet); 0: another server emptied the queue meanwhile
    }

    /** One batch of the queue, read under the lock; returns how many queue rows it handled. */
    private int catchUpBatch(LockedCollection book) {
        List<PartnerCardRepository.Change> changes = cards.changes(BATCH);
        if (changes.isEmpty()) {
            return 0;
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
        return changes.size();
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
