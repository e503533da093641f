package org.switchboard.dav.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavBackend;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.DavPrincipal;
import org.switchboard.dav.spi.DeadProperties;
import org.switchboard.dav.spi.PlainCollections;
import org.switchboard.dav.spi.SyncSupport;
import org.switchboard.dav.spi.WritableCollections;
import org.switchboard.dav.spi.WriteCondition;
import org.switchboard.dav.spi.WriteResult;

/**
 * A complete backend in memory, for tests and demos. Readers never lock: members live in concurrent
 * maps and the change log in a skip list; writers serialise per collection. The change log keeps one
 * entry per member name (its latest change), so it stays as small as the collection plus tombstones.
 */
public class InMemoryBackend implements DavBackend, SyncSupport, WritableCollections, PlainCollections, DeadProperties {
    private static final String TOKEN_PREFIX = "urn:switchboard:sync:";

    private final Map<String, DavPrincipal> principals = new ConcurrentHashMap<>();
    private final Map<String, Store> stores = new ConcurrentHashMap<>();
    /** Held while nested collections are created or deleted (readers never take it). */
    private final Object tree = new Object();

    private static final class Store {
        final String id = UUID.randomUUID().toString();
        volatile DavCollection collection;
        final Map<String, DavObject> objects = new ConcurrentHashMap<>();
        final Map<String, String> nameByUid = new ConcurrentHashMap<>();
        final ConcurrentSkipListMap<Long, Change> log = new ConcurrentSkipListMap<>();
        final Map<String, Long> lastSeq = new HashMap<>();
        final Map<String, Access> grants = new ConcurrentHashMap<>();
        /** Dead properties by member name ("" for the collection itself); values replaced whole, never changed in place. */
        final Map<String, Map<javax.xml.namespace.QName, String>> dead = new ConcurrentHashMap<>();
        long seq;

        String token(long s) { return TOKEN_PREFIX + id + ":" + s; }

        /** Called with the store locked. */
        void record(String name, boolean deleted) {
            Long old = lastSeq.get(name);
            seq++;
            log.put(seq, new Change(name, deleted));
            if (old != null) log.remove(old);
            lastSeq.put(name, seq);
            collection = collection.withSyncToken(token(seq));
        }
    }

    private record Change(String name, boolean deleted) {}

    private static String key(String home, String name) { return home + "/" + name; }

    // ---- set-up helpers for tests and the server's demo mode ----

    public InMemoryBackend addPrincipal(String name, String displayName, String... emails) {
        principals.put(name, new DavPrincipal(name, displayName, List.of(emails)));
        return this;
    }

    public DavCollection addCollection(String home, String name, CollectionKind kind, String displayName, boolean readOnly) {
        Store s = new Store();
        s.collection = new DavCollection(home, name, kind, displayName, null, null, null, null, s.token(0), readOnly);
        stores.put(key(home, name), s);
        return s.collection;
    }

    /** Lets {@code user} see (and with READ_WRITE, change) {@code /<home>/<name>/}. */
    public void share(String home, String name, String user, Access access) {
        stores.get(key(home, name)).grants.put(user, access);
    }

    // ---- DavBackend ----

    @Override
    public Optional<DavPrincipal> principal(String user) { return Optional.ofNullable(principals.get(user)); }

    @Override
    public List<DavCollection> collections(String user, String home) {
        List<DavCollection> out = new ArrayList<>();
        for (Store s : stores.values()) {
            DavCollection c = s.collection;
            if (c.name().indexOf('/') >= 0) continue; // nested plain collections are listed by their parent
            boolean own = c.home().equals(home);
            boolean shared = user.equals(home) && !own && s.grants.containsKey(user);
            if ((own && access(user, c).canRead()) || shared) out.add(c);
        }
        out.sort(Comparator.comparing(DavCollection::home).thenComparing(DavCollection::name));
        return out;
    }

    @Override
    public Optional<DavCollection> collection(String home, String name) {
        Store s = stores.get(key(home, name));
        return s == null ? Optional.empty() : Optional.of(s.collection);
    }

    @Override
    public Access access(String user, DavCollection c) {
        Store s = stores.get(key(c.home(), c.name()));
        if (s == null) return Access.NONE;
        Access a = user.equals(c.home()) ? Access.READ_WRITE : s.grants.getOrDefault(user, Access.NONE);
        return c.readOnly() && a == Access.READ_WRITE ? Access.READ : a;
    }

    private Store store(DavCollection c) { return stores.get(key(c.home(), c.name())); }

    @Override
    public List<DavObjectInfo> list(DavCollection c) {
        Store s = store(c);
        if (s == null) return List.of();
        List<DavObjectInfo> out = new ArrayList<>(s.objects.size());
        for (DavObject o : s.objects.values()) out.add(o.info());
        return out;
    }

    @Override
    public List<DavObjectInfo> candidates(DavCollection c, String componentType, java.time.Instant start, java.time.Instant end) {
        Store s = store(c);
        if (s == null) return List.of();
        List<DavObjectInfo> out = new ArrayList<>();
        for (DavObject o : s.objects.values()) {
            var ix = o.index();
            if (ix == null || ((componentType == null || componentType.equalsIgnoreCase(ix.componentType()))
                    && ix.mayOverlap(start, end))) {
                out.add(o.info());
            }
        }
        return out;
    }

    @Override
    public Optional<DavObject> get(DavCollection c, String name) {
        Store s = store(c);
        return s == null ? Optional.empty() : Optional.ofNullable(s.objects.get(name));
    }

    @Override
    public List<DavObject> getAll(DavCollection c, Collection<String> names) {
        Store s = store(c);
        List<DavObject> out = new ArrayList<>(names.size());
        if (s == null) return out;
        for (String n : names) {
            DavObject o = s.objects.get(n);
            if (o != null) out.add(o);
        }
        return out;
    }

    @Override
    public Optional<DavObjectInfo> findByUid(DavCollection c, String uid) {
        Store s = store(c);
        if (s == null) return Optional.empty();
        String n = s.nameByUid.get(uid);
        DavObject o = n == null ? null : s.objects.get(n);
        return o == null ? Optional.empty() : Optional.of(o.info());
    }

    @Override
    public WriteResult put(DavCollection c, DavObject object, WriteCondition condition) {
        Store s = store(c);
        if (s == null) return WriteResult.of(WriteResult.Status.NOT_FOUND);
        synchronized (s) {
            DavObject current = s.objects.get(object.name());
            if (!condition.accepts(current == null ? null : current.etag())) {
                return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED);
            }
            String uid = object.index() == null ? null : object.index().uid();
            if (uid != null) {
                String holder = s.nameByUid.get(uid);
                if (holder != null && !holder.equals(object.name())) return WriteResult.uidConflict(holder);
            }
            if (current != null && current.index() != null && current.index().uid() != null) {
                s.nameByUid.remove(current.index().uid(), object.name());
            }
            s.objects.put(object.name(), object);
            if (uid != null) s.nameByUid.put(uid, object.name());
            s.record(object.name(), false);
            return WriteResult.written(current == null, object.etag());
        }
    }

    @Override
    public WriteResult delete(DavCollection c, String name, WriteCondition condition) {
        Store s = store(c);
        if (s == null) return WriteResult.of(WriteResult.Status.NOT_FOUND);
        synchronized (s) {
            DavObject current = s.objects.get(name);
            if (current == null) return WriteResult.of(WriteResult.Status.NOT_FOUND);
            if (!condition.accepts(current.etag())) return WriteResult.of(WriteResult.Status.PRECONDITION_FAILED);
            s.objects.remove(name);
            s.dead.remove(name);
            if (current.index() != null && current.index().uid() != null) s.nameByUid.remove(current.index().uid(), name);
            s.record(name, true);
            return WriteResult.of(WriteResult.Status.DELETED);
        }
    }

    // ---- SyncSupport ----

    @Override
    public Optional<Changes> changesSince(DavCollection c, String token, int limit) {
        Store s = store(c);
        if (s == null) return Optional.empty();
        long since = 0;
        if (token != null) {
            String p = TOKEN_PREFIX + s.id + ":";
            if (!token.startsWith(p)) return Optional.empty();
            try {
                since = Long.parseLong(token.substring(p.length()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        // read the current position first: entries after it may be seen twice, never missed
        String current = s.collection.syncToken();
        long head = Long.parseLong(current.substring(current.lastIndexOf(':') + 1));
        if (since > head) return Optional.empty();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        long last = since;
        boolean truncated = false;
        for (Map.Entry<Long, Change> e : s.log.tailMap(since, false).entrySet()) {
            if (e.getKey() > head) break;
            Change ch = e.getValue();
            if (since == 0 && ch.deleted()) { last = e.getKey(); continue; } // an initial sync needs no tombstones
            if (limit > 0 && seen.size() >= limit && !seen.containsKey(ch.name())) {
                truncated = true;
                break;
            }
            seen.put(ch.name(), ch.deleted());
            last = e.getKey();
        }
        List<String> changed = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        seen.forEach((n, d) -> (d ? deleted : changed).add(n));
        return Optional.of(new Changes(truncated ? s.token(last) : current, changed, deleted, truncated));
    }

    // ---- WritableCollections ----

    @Override
    public Optional<DavCollection> createCollection(String home, String name, CollectionKind kind, CollectionProps props) {
        Store s = new Store();
        s.collection = new DavCollection(home, name, kind, props.displayName(), props.description(), props.color(),
                props.order(), props.components(), s.token(0), false);
        int slash = name.lastIndexOf('/');
        synchronized (tree) { // a nested collection and the deletion of its parent take turns
            if (slash >= 0 && !stores.containsKey(key(home, name.substring(0, slash)))) return Optional.empty();
            return stores.putIfAbsent(key(home, name), s) == null ? Optional.of(s.collection) : Optional.empty();
        }
    }

    @Override
    public DavCollection updateCollection(DavCollection c, CollectionProps patch) {
        Store s = store(c);
        synchronized (s) {
            s.collection = s.collection.with(patch);
            return s.collection;
        }
    }

    @Override
    public boolean deleteCollection(DavCollection c) {
        synchronized (tree) {
            // a plain collection goes with everything below it (RFC 4918 §9.6.1)
            String below = key(c.home(), c.name()) + "/";
            stores.keySet().removeIf(k -> k.startsWith(below));
            return stores.remove(key(c.home(), c.name())) != null;
        }
    }

    // ---- PlainCollections ----

    @Override
    public List<DavCollection> subcollections(DavCollection parent) {
        String below = parent.name() + "/";
        List<DavCollection> out = new ArrayList<>();
        for (Store s : stores.values()) {
            DavCollection c = s.collection;
            if (c.home().equals(parent.home()) && c.name().startsWith(below) && c.name().indexOf('/', below.length()) < 0) out.add(c);
        }
        out.sort(Comparator.comparing(DavCollection::name));
        return out;
    }

    // ---- DeadProperties ----

    @Override
    public Map<javax.xml.namespace.QName, String> deadProperties(DavCollection c, String member) {
        Store s = store(c);
        if (s == null) return Map.of();
        return s.dead.getOrDefault(member == null ? "" : member, Map.of());
    }

    @Override
    public boolean patchDeadProperties(DavCollection c, String member, Map<javax.xml.namespace.QName, String> set,
                                       java.util.Set<javax.xml.namespace.QName> remove) {
        Store s = store(c);
        if (s == null) return false;
        synchronized (s) {
            if (member != null && !s.objects.containsKey(member)) return false;
            String key = member == null ? "" : member;
            Map<javax.xml.namespace.QName, String> props = new LinkedHashMap<>(s.dead.getOrDefault(key, Map.of()));
            props.keySet().removeAll(remove);
            props.putAll(set);
            s.dead.put(key, Map.copyOf(props));
            return true;
        }
    }
}
