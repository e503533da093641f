package org.switchboard.dav.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Storage and access rules behind the DAV engine, in the spirit of sabre/dav's backend interface.
 * The engine owns HTTP, XML, preconditions, parsing and queries; the backend owns data and decides
 * who sees what. Optional abilities are separate interfaces ({@link SyncSupport},
 * {@link WritableCollections}) that the engine discovers with {@code instanceof}.
 *
 * <p>Implementations must be thread-safe; readers should never wait for writers.
 */
public interface DavBackend {

    /** The principal named {@code user}, or empty if there is none. */
    Optional<DavPrincipal> principal(String user);

    /** May {@code user} list the home {@code /<home>/}? Default: only her own. */
    default boolean canBrowseHome(String user, String home) { return user.equals(home); }

    /** The collections listed in {@code /<home>/} for {@code user} (own ones and those shared with her). */
    List<DavCollection> collections(String user, String home);

    /** The collection {@code /<home>/<name>/}, whatever the access; access is asked separately. */
    Optional<DavCollection> collection(String home, String name);

    /** What {@code user} may do with {@code collection}. NONE means 403, never a listing. */
    Access access(String user, DavCollection collection);

    /**
     * All members without bodies (PROPFIND Depth 1, queries without time range). The engine reads only the
     * component type of each {@link ObjectIndex} here, so a backend that answers {@link #candidates} itself
     * may leave the UID and time bounds out (null bounds mean "always a candidate").
     */
    List<DavObjectInfo> list(DavCollection collection);

    /**
     * Members that may hold a {@code componentType} overlapping [start, end) according to their
     * {@link ObjectIndex}; a superset is fine. The default filters {@link #list}; a database answers it
     * from indexed columns.
     */
    default List<DavObjectInfo> candidates(DavCollection collection, String componentType, Instant start, Instant end) {
        List<DavObjectInfo> out = new ArrayList<>();
        for (DavObjectInfo o : list(collection)) {
            ObjectIndex ix = o.index();
            if (ix == null || ((componentType == null || componentType.equalsIgnoreCase(ix.componentType()))
                    && ix.mayOverlap(start, end))) {
                out.add(o);
            }
        }
        return out;
    }

    Optional<DavObject> get(DavCollection collection, String name);

    /** Several members at once (multiget); missing names are simply absent from the result. */
    default List<DavObject> getAll(DavCollection collection, Collection<String> names) {
        List<DavObject> out = new ArrayList<>();
        for (String n : names) get(collection, n).ifPresent(out::add);
        return out;
    }

    /** The member holding {@code uid}, for the no-uid-conflict precondition. */
    Optional<DavObjectInfo> findByUid(DavCollection collection, String uid);

    /**
     * Creates or replaces {@code object} if {@code condition} holds, atomically. Returns CREATED,
     * UPDATED, PRECONDITION_FAILED or UID_CONFLICT (another member has the same UID).
     */
    WriteResult put(DavCollection collection, DavObject object, WriteCondition condition);

    /** Deletes a member if {@code condition} holds: DELETED, NOT_FOUND or PRECONDITION_FAILED. */
    WriteResult delete(DavCollection collection, String name, WriteCondition condition);
}
