package org.switchboard.server.dav;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavBackend;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.DavPrincipal;
import org.switchboard.dav.spi.DeadProperties;
import org.switchboard.dav.spi.OccurrenceSupport;
import org.switchboard.dav.spi.PlainCollections;
import org.switchboard.dav.spi.SyncSupport;
import org.switchboard.dav.spi.WritableCollections;
import org.switchboard.dav.spi.WriteCondition;
import org.switchboard.dav.spi.WriteResult;

/**
 * The caldav engine's storage on the server's database. Principals are the active CRM users
 * ({@link DavHomes}); collections, objects and the RFC 6578 change log are rows
 * ({@code dav_collection}, {@code dav_object}, {@code dav_change}).
 *
 * <p>A write runs in one transaction: it locks its collection row ({@code SELECT … FOR UPDATE}), checks
 * the If-Match / If-None-Match condition and the UID against committed data, writes, then bumps the
 * collection's sync sequence and records the change. Writers of one collection take turns; readers use
 * plain MVCC reads and never wait. No state that matters lives in memory, so several nodes may share the
 * database.
 *
 * <p>Two additions the engine does not know about: the computed read-only collections of each home
 * ({@link DerivedCollections}, {@code /dav/<user>/crm-…/}), and the {@link DavWriteListener}s told of every
 * object write in its transaction (the CRM meetings follow the company calendar that way).
 */
@Component
class DatabaseDavBackend implements DavBackend, SyncSupport, WritableCollections, OccurrenceSupport, PlainCollections,
        DeadProperties {
    private final DavHomes homes;
    private final DavCollectionRepository collections;
    private final DavObjectRepository objects;
    private final DerivedCollections derived;
    private final List<DavWriteListener> listeners;
    private final Map<String, EveryHomeCollection> everyHome = new LinkedHashMap<>();
    private final TransactionTemplate tx;
    private final DavOccurrences occurrences;
    private final DavPropertyRepository properties;

    DatabaseDavBackend(DavHomes homes, DavCollectionRepository collections, DavObjectRepository objects, DerivedCollections derived,
            List<DavWriteListener> listeners, List<EveryHomeCollection> everyHome, PlatformTransactionManager transactions,
            DavOccurrences occurrences, DavPropertyRepository properties) {
        this.occurrences = occurrences;
        this.properties = properties;
        this.homes = homes;
        this.collections = collections;
        this.objects = objects;
        this.derived = derived;
        this.listeners = List.copyOf(listeners);
        for (EveryHomeCollection c : everyHome) {
            if (!derived.reserved(c.name())) {
                throw new IllegalStateException("a collection of every home must have a reserved name: " + c.name());
            }
            this.everyHome.put(c.name(), c);
        }
        this.tx = new TransactionTemplate(transactions);
    }

    // ---- principals and collections ----

    @Override
    public Optional<DavPrincipal> principal(String user) {
        return homes.principal(user);
    }

    @Override
    public boolean canBrowseHome(String user, String home) {
        // the company home only holds shared collections, which everyone may see
        return user.equals(home) || DavHomes.COMPANY.equals(home);
    }

    @Override
    public List<DavCollection> collections(String user, String home) {
        if (user.equals(home)) {
            homes.ensurePersonalCollections(user);
        }
        List<DavCollection> out = new ArrayList<>();
        for (StoredCollection c : collections.listedIn(home)) {
            boolean own = c.dav().home().equals(home);
            if (everyHome.containsKey(c.dav().name()) && DavHomes.COMPANY.equals(c.dav().home())) {
                continue; // served under each user's home instead
            }
            // shared collections are listed in every user's home too (with their own href, /company/meetings/)
            if ((own || user.equals(home)) && access(user, c.dav()).canRead()) {
                out.add(c.dav());
            }
        }
        if (user.equals(home)) {
            for (String name : everyHome.keySet()) {
                inHome(home, name).ifPresent(out::add);
            }
            out.addAll(derived.collectionsOf(home));
        }
        return out;
    }

    @Override
    public Optional<DavCollection> collection(String home, String name) {
        if (everyHome.containsKey(name)) {
            return inHome(home, name);
        }
        if (derived.reserved(name)) {
            return derived.collection(home, name);
        }
        return stored(home, name).map(StoredCollection::dav);
    }

    /**
     * A collection of every home as the user's own: same rows and sync token (which names the stored row),
     * but the user's home in its hrefs, so {@link #access} gives her read and write.
     */
    private Optional<DavCollection> inHome(String home, String name) {
        if (DavHomes.COMPANY.equals(home) || homes.userId(home).isEmpty()) {
            return Optional.empty();
        }
        everyHome.get(name).catchUp();
        return collections.find(DavHomes.COMPANY, name).map(StoredCollection::dav).map(c -> new DavCollection(home, c.name(), c.kind(),
                c.displayName(), c.description(), c.color(), c.order(), c.components(), c.syncToken(), c.readOnly()));
    }

    /**
     * Runs {@code work} on a stored collection of the system home with its row locked, in one transaction;
     * null when there is no such collection.
     */
    <T> T underLock(String name, java.util.function.Function<LockedCollection, T> work) {
        Optional<StoredCollection> c = collections.find(DavHomes.COMPANY, name);
        if (c.isEmpty()) {
            return null;
        }
        long id = c.get().id();
        return tx.execute(status -> {
            long[] seq = {collections.lockForWrite(id).orElseThrow()};
            LockedCollection locked = new LockedCollection() {
                @Override
                public List<DavObject> getAll(Collection<String> names) {
                    return names.isEmpty() ? List.of() : objects.getAll(id, names);
                }

                @Override
                public void putAll(List<DavObject> all) {
                    if (!all.isEmpty()) {
                        seq[0] = objects.putAll(id, all, seq[0]);
                    }
                }

                @Override
                public void delete(String name) {
                    objects.delete(id, name);
                    seq[0]++;
                    objects.recordChange(id, name, seq[0], true);
                }
            };
            T result = work.apply(locked);
            collections.setSyncSeq(id, seq[0]);
            return result;
        });
    }

    private Optional<StoredCollection> stored(String home, String name) {
        Optional<StoredCollection> c = collections.find(home, name);
        if (c.isEmpty() && (DavHomes.PERSONAL_CALENDAR.equals(name) || DavHomes.PERSONAL_CONTACTS.equals(name))
                && homes.ensurePersonalCollections(home)) {
            c = collections.find(home, name);
        }
        return c;
    }

    /**
     * The row id of a collection the engine got from {@link #collection}: its sync token names it, so reads
     * need no second look-up. A collection deleted meanwhile simply has no rows any more.
     */
    private static long id(DavCollection c) {
        return SyncTokens.collectionId(c.syncToken());
    }

    @Override
    public Access access(String user, DavCollection c) {
        Access a;
        if (c.home().equals(user)) {
            a = Access.READ_WRITE;
        } else if (DavHomes.COMPANY.equals(c.home())) {
            // shared with every user; only authenticated users reach the engine (DavSecurityConfig)
            a = Access.READ_WRITE;
        } else {
            a = Access.NONE;
        }
        return c.readOnly() && a == Access.READ_WRITE ? Access.READ : a;
    }

    // ---- reads ----

    @Override
    public List<DavObjectInfo> list(DavCollection c) {
        if (derived.owns(c)) {
            return derived.list(c);
        }
        return objects.list(id(c));
    }

    @Override
    public List<DavObjectInfo> candidates(DavCollection c, String componentType, Instant start, Instant end) {
        if (derived.owns(c)) {
            return derived.candidates(c, componentType, start, end);
        }
        return objects.candidates(id(c), componentType, start, end);
    }

    // ---- the occurrence index (ADR 0012) ----

    @Override
    public EventMatches eventsOverlapping(DavCollection c, Instant start, Instant end) {
        if (derived.owns(c)) {
            return new EventMatches(List.of(), derived.candidates(c, "VEVENT", start, end));
        }
        return occurrences.eventsOverlapping(id(c), start, end);
    }

    @Override
    public BusyTime busyTime(DavCollection c, Instant start, Instant end) {
        if (derived.owns(c)) {
            return new BusyTime(List.of(), derived.candidates(c, "VEVENT", start, end));
        }
        return occurrences.busyTime(id(c), start, end);
    }

    @Override
    public Optional<DavObject> get(DavCollection c, String name) {
        if (derived.owns(c)) {
            return derived.getAll(c, List.of(name)).stream().findFirst();
        }
        return objects.get(id(c), name);
    }

    @Override
    public List<DavObject> getAll(DavCollection c, Collection<String> names) {
        if (derived.owns(c)) {
            return derived.getAll(c, names);
        }
        return objects.getAll(id(c), names);
    }

    @Override
    public Optional<DavObjectInfo> findByUid(DavCollection c, String uid) {
        if (derived.owns(c)) {
            return derived.findByUid(c, uid);
        }
        return objects.findByUid(id(c), uid);
    }

    // ---- writes ----

    @Override
    public WriteResult put(DavCollection c, DavObject object, WriteCondition condition) {
        if (derived.owns(c)) {
            // the engine refuses writes to read-only collections before asking; this is the last line of defence
            return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED);
        }
        long id = id(c);
        try {
            return tx.execute(status -> {
                Optional<Long> seq = collections.lockForWrite(id);
                if (seq.isEmpty()) {
                    return WriteResult.of(WriteResult.Status.NOT_FOUND);
                }
                String current = objects.etag(id, object.name()).orElse(null);
                if (!condition.accepts(current)) {
                    return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED);
                }
                String uid = object.index() == null ? null : object.index().uid();
                if (uid != null) {
                    Optional<String> holder = objects.otherHolderOfUid(id, uid, object.name());
                    if (holder.isPresent()) {
                        return WriteResult.uidConflict(holder.get());
                    }
                }
                if (current == null) {
                    objects.insert(id, object);
                } else {
                    objects.update(id, object);
                }
                occurrences.written(id, object);
                changed(id, seq.get(), object.name(), false);
                notify(new DavObjectChange(id, c.home(), c.name(), object.name(), object, current == null));
                return WriteResult.written(current == null, object.etag());
            });
        } catch (DuplicateKeyException e) {
            // cannot happen under the row lock; kept as the last line of defence for the unique constraints
            return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED);
        }
    }

    @Override
    public WriteResult delete(DavCollection c, String name, WriteCondition condition) {
        if (derived.owns(c)) {
            return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED);
        }
        long id = id(c);
        return tx.execute(status -> {
            Optional<Long> seq = collections.lockForWrite(id);
            Optional<String> current = seq.isEmpty() ? Optional.empty() : objects.etag(id, name);
            if (current.isEmpty()) {
                return WriteResult.of(WriteResult.Status.NOT_FOUND);
            }
            if (!condition.accepts(current.get())) {
                return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED);
            }
            objects.delete(id, name);
            if (c.isPlain()) {
                properties.deleteMember(id, name);
            }
            changed(id, seq.get(), name, true);
            notify(new DavObjectChange(id, c.home(), c.name(), name, null, false));
            return WriteResult.of(WriteResult.Status.DELETED);
        });
    }

    private void notify(DavObjectChange change) {
        for (DavWriteListener l : listeners) {
            l.changed(change);
        }
    }

    private void changed(long collectionId, long lastSeq, String name, boolean deleted) {
        long seq = lastSeq + 1;
        objects.recordChange(collectionId, name, seq, deleted);
        collections.setSyncSeq(collectionId, seq);
    }

    // ---- RFC 6578 ----

    @Override
    public Optional<Changes> changesSince(DavCollection c, String token, int limit) {
        if (derived.owns(c)) {
            return derived.changesSince(c, token, limit);
        }
        long id = id(c);
        // the head was read with the collection, before the changes: a change committed after it is
        // reported next time, never missed
        long head = SyncTokens.seq(c.syncToken());
        long since = 0;
        if (token != null) {
            OptionalLong p = SyncTokens.position(token, id);
            if (p.isEmpty() || p.getAsLong() > head) {
                return Optional.empty();
            }
            since = p.getAsLong();
        }
        // an initial sync needs no tombstones (RFC 6578 §3.8)
        List<DavObjectRepository.Change> rows = objects.changes(id, since, head, token != null, limit > 0 ? limit + 1 : 0);
        boolean truncated = limit > 0 && rows.size() > limit;
        if (truncated) {
            rows = rows.subList(0, limit);
        }
        Map<String, Boolean> byName = new LinkedHashMap<>();
        for (DavObjectRepository.Change r : rows) {
            byName.put(r.name(), r.deleted());
        }
        List<String> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        byName.forEach((n, d) -> (d ? deleted : changed).add(n));
        long upTo = truncated ? rows.get(rows.size() - 1).seq() : head;
        return Optional.of(new Changes(SyncTokens.of(id, upTo), changed, deleted, truncated));
    }

    // ---- collections ----

    @Override
    public Optional<DavCollection> createCollection(String home, String name, CollectionKind kind, CollectionProps props) {
        Optional<Long> owner = homes.userId(home);
        if (owner.isEmpty() || DavHomes.COMPANY.equals(home) || derived.reserved(name)) {
            return Optional.empty();
        }
        Long parentId = null;
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            // a nested plain collection (ADR 0017): its parent must be a plain collection of the same home
            Optional<StoredCollection> parent = collections.find(home, name.substring(0, slash));
            if (kind != CollectionKind.PLAIN || parent.isEmpty() || parent.get().dav().kind() != CollectionKind.PLAIN) {
                return Optional.empty();
            }
            parentId = parent.get().id();
        }
        try {
            collections.insert(home, name, owner.get(), kind, props, parentId);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        } catch (DataIntegrityViolationException e) {
            // the parent was deleted after the look-up: the foreign key refuses the orphan
            return Optional.empty();
        }
        return collection(home, name);
    }

    // ---- dead properties of plain collections and files (ADR 0017) ----

    @Override
    public Map<javax.xml.namespace.QName, String> deadProperties(DavCollection c, String member) {
        if (!c.isPlain()) {
            return Map.of();
        }
        return properties.find(id(c), member == null ? DavPropertyRepository.COLLECTION : member);
    }

    @Override
    public boolean patchDeadProperties(DavCollection c, String member, Map<javax.xml.namespace.QName, String> set,
            java.util.Set<javax.xml.namespace.QName> remove) {
        if (!c.isPlain()) {
            return false;
        }
        long id = id(c);
        Boolean done = tx.execute(status -> {
            // under the collection's row lock: a file is not deleted halfway through its patch
            if (collections.lockForWrite(id).isEmpty() || (member != null && objects.etag(id, member).isEmpty())) {
                return false;
            }
            properties.patch(id, member == null ? DavPropertyRepository.COLLECTION : member, set, remove);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    @Override
    public List<DavCollection> subcollections(DavCollection parent) {
        return collections.children(id(parent)).stream().map(StoredCollection::dav).toList();
    }

    @Override
    public DavCollection updateCollection(DavCollection c, CollectionProps patch) {
        if (derived.owns(c)) {
            return c;
        }
        StoredCollection s = collections.find(c.home(), c.name()).orElseThrow();
        if (s.shared()) {
            // Shared collections keep the properties the server gave them: one user's colour or order
            // (Apple Calendar PROPPATCHes calendar-order when calendars are reordered) is not everyone's.
            return s.dav();
        }
        DavCollection updated = s.dav().with(patch);
        collections.update(s.id(), updated);
        return updated;
    }

    @Override
    public boolean deleteCollection(DavCollection c) {
        if (derived.owns(c)) {
            return false;
        }
        return collections.find(c.home(), c.name()).filter(s -> !s.shared()).map(s -> collections.delete(s.id())).orElse(false);
    }
}
