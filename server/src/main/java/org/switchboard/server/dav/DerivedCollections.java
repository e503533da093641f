package org.switchboard.server.dav;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.ObjectIndex;
import org.switchboard.dav.spi.SyncSupport.Changes;
import org.switchboard.server.storage.Sha256;

/**
 * The computed, read-only collections ({@link DerivedCalendar}) of each user's home, for
 * {@link DatabaseDavBackend}.
 *
 * <p>Sync token: {@code urn:switchboard:derived:<collection>:<digest>}, the digest being SHA-256 of the
 * sorted member names and ETags, computed from the same single-statement read as the members. A token is
 * therefore a function of what the user can see: any change that becomes visible (a new version of a row,
 * a case that enters or leaves the collection) changes it, whatever the order in which concurrent
 * transactions commit. A watermark such as max(updated_at) would not be: a transaction that took its
 * timestamp earlier but commits later stays below a watermark already handed out, and its change would
 * never be reported. The member list behind each token handed out is kept ({@link DerivedSyncStates}), so
 * sync-collection answers with the difference, deletions included (docs/adr/0008).
 */
@Component
class DerivedCollections {
    private static final String TOKEN_PREFIX = "urn:switchboard:derived:";
    private final Map<String, DerivedCalendar> calendars = new LinkedHashMap<>();
    private final DavHomes homes;
    private final DerivedSyncStates states;

    DerivedCollections(List<DerivedCalendar> calendars, DavHomes homes, DerivedSyncStates states) {
        for (DerivedCalendar c : calendars) {
            if (!c.name().startsWith(DerivedCalendar.PREFIX)) {
                throw new IllegalStateException("a derived calendar's name must start with " + DerivedCalendar.PREFIX + ": " + c.name());
            }
            this.calendars.put(c.name(), c);
        }
        this.homes = homes;
        this.states = states;
    }

    /** Names users may not give collections of their own. */
    boolean reserved(String name) {
        return name.startsWith(DerivedCalendar.PREFIX);
    }

    boolean owns(DavCollection c) {
        return c.syncToken() != null && c.syncToken().startsWith(TOKEN_PREFIX);
    }

    List<DavCollection> collectionsOf(String home) {
        List<DavCollection> out = new ArrayList<>();
        for (String name : calendars.keySet()) {
            collection(home, name).ifPresent(out::add);
        }
        return out;
    }

    /** The collection with its current token; the member list behind the token is remembered for later syncs. */
    Optional<DavCollection> collection(String home, String name) {
        DerivedCalendar calendar = calendars.get(name);
        Optional<Long> user = calendar == null ? Optional.empty() : homes.userId(home);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        State now = State.of(calendar.members(user.get()));
        states.remember(user.get(), name, now.digest(), now.encoded());
        return Optional.of(dav(home, calendar, now.digest()));
    }

    List<DavObjectInfo> list(DavCollection c) {
        // bodies are small (one component each): rendering them gives clients a true getcontentlength
        return members(c).stream().map(m -> new DavObjectInfo(m.name(), m.etag(), m.data().get().length, m.index())).toList();
    }

    List<DavObjectInfo> candidates(DavCollection c, String componentType, Instant start, Instant end) {
        List<DavObjectInfo> out = new ArrayList<>();
        for (DavObjectInfo o : list(c)) {
            ObjectIndex ix = o.index();
            if ((componentType == null || componentType.equalsIgnoreCase(ix.componentType())) && ix.mayOverlap(start, end)) {
                out.add(o);
            }
        }
        return out;
    }

    List<DavObject> getAll(DavCollection c, Collection<String> names) {
        Set<String> wanted = new HashSet<>(names);
        List<DavObject> out = new ArrayList<>();
        for (DerivedCalendar.Member m : members(c)) {
            if (wanted.contains(m.name())) {
                out.add(new DavObject(m.name(), m.etag(), m.data().get(), m.index()));
            }
        }
        return out;
    }

    Optional<DavObjectInfo> findByUid(DavCollection c, String uid) {
        return list(c).stream().filter(o -> uid.equals(o.index().uid())).findFirst();
    }

    /**
     * RFC 6578 from remembered states: the members now against the members behind {@code token}. With a
     * {@code limit}, the first changes are reported and the token handed back names the state the client
     * has then (the old one with those changes applied), remembered like any other.
     */
    Optional<Changes> changesSince(DavCollection c, String token, int limit) {
        DerivedCalendar calendar = calendars.get(c.name());
        Optional<Long> user = homes.userId(c.home());
        if (calendar == null || user.isEmpty()) {
            return Optional.empty();
        }
        State now = State.of(calendar.members(user.get()));
        State before = State.EMPTY;
        if (token != null) {
            String prefix = TOKEN_PREFIX + c.name() + ":";
            if (!token.startsWith(prefix) || token.length() > prefix.length() + 64) {
                return Optional.empty();
            }
            Optional<byte[]> kept = states.members(user.get(), c.name(), token.substring(prefix.length()));
            if (kept.isEmpty()) {
                return Optional.empty();
            }
            before = State.decode(kept.get());
        }
        List<String> deleted = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Map<String, String> reached = new TreeMap<>(before.etags());
        int room = limit > 0 ? limit : Integer.MAX_VALUE;
        boolean truncated = false;
        for (String name : before.etags().keySet()) {
            if (!now.etags().containsKey(name)) {
                if (deleted.size() + changed.size() == room) {
                    truncated = true;
                    break;
                }
                deleted.add(name);
                reached.remove(name);
            }
        }
        for (Map.Entry<String, String> e : now.etags().entrySet()) {
            if (truncated) {
                break;
            }
            if (!e.getValue().equals(before.etags().get(e.getKey()))) {
                if (deleted.size() + changed.size() == room) {
                    truncated = true;
                    break;
                }
                changed.add(e.getKey());
                reached.put(e.getKey(), e.getValue());
            }
        }
        State handedOut = truncated ? new State(reached) : now;
        states.remember(user.get(), c.name(), handedOut.digest(), handedOut.encoded());
        // an initial sync has no tombstones (RFC 6578 §3.8): "before" was empty
        return Optional.of(new Changes(TOKEN_PREFIX + c.name() + ":" + handedOut.digest(), changed, deleted, truncated));
    }

    private List<DerivedCalendar.Member> members(DavCollection c) {
        DerivedCalendar calendar = calendars.get(c.name());
        return calendar == null ? List.of() : homes.userId(c.home()).map(calendar::members).orElse(List.of());
    }

    private static DavCollection dav(String home, DerivedCalendar calendar, String digest) {
        return new DavCollection(home, calendar.name(), CollectionKind.CALENDAR, calendar.displayName(), calendar.description(),
                calendar.color(), null, calendar.components(), TOKEN_PREFIX + calendar.name() + ":" + digest, true);
    }

    /** Member names and their ETags, sorted by name: what a token stands for. */
    private record State(Map<String, String> etags) {
        static final State EMPTY = new State(Map.of());

        static State of(List<DerivedCalendar.Member> members) {
            Map<String, String> m = new TreeMap<>();
            for (DerivedCalendar.Member member : members) {
                m.put(member.name(), member.etag());
            }
            return new State(m);
        }

        /** One "name TAB etag" line per member; names and ETags never hold tabs or line breaks (we make them). */
        byte[] encoded() {
            StringBuilder sb = new StringBuilder();
            etags.forEach((n, e) -> sb.append(n).append('\t').append(e).append('\n'));
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        static State decode(byte[] data) {
            Map<String, String> m = new TreeMap<>();
            for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    m.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
            return new State(m);
        }

        String digest() {
            return Sha256.hex(new String(encoded(), StandardCharsets.UTF_8)).substring(0, 32);
        }
    }
}
