package org.switchboard.server.dav;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.WriteCondition;
import org.switchboard.dav.spi.WriteResult;

/**
 * Objects written by the server itself (a meeting made in the API), through the same locked transaction,
 * change log and {@link DavWriteListener}s as a client's PUT, so clients see them at their next sync and
 * nothing distinguishes them from a client's. Build the object with
 * {@code org.switchboard.dav.DavObjects.calendarObject} to get the engine's ETag and index.
 */
@Component
public class DavObjectStore {
    /** The company calendar, {@code /dav/company/meetings/}: every user reads and writes it. */
    public static final String COMPANY_HOME = DavHomes.COMPANY;
    public static final String COMPANY_MEETINGS = "meetings";

    private final DatabaseDavBackend backend;

    DavObjectStore(DatabaseDavBackend backend) {
        this.backend = backend;
    }

    /** The URL path of an object, e.g. {@code /dav/company/meetings/x.ics}. */
    public static String href(String home, String collection, String name) {
        return DavServletConfig.PREFIX + "/" + home + "/" + collection + "/" + name;
    }

    public Optional<DavObject> get(String home, String collection, String name) {
        return backend.collection(home, collection).flatMap(c -> backend.get(c, name));
    }

    /** Several objects of one collection at once; missing names are absent from the answer. */
    public List<DavObject> getAll(String home, String collection, Collection<String> names) {
        return names.isEmpty() ? List.of() : backend.collection(home, collection).map(c -> backend.getAll(c, names)).orElse(List.of());
    }

    public WriteResult put(String home, String collection, DavObject object, WriteCondition condition) {
        return backend.collection(home, collection).map(c -> backend.put(c, object, condition))
                .orElse(WriteResult.of(WriteResult.Status.NOT_FOUND));
    }

    public WriteResult delete(String home, String collection, String name, WriteCondition condition) {
        return backend.collection(home, collection).map(c -> backend.delete(c, name, condition))
                .orElse(WriteResult.of(WriteResult.Status.NOT_FOUND));
    }

    /**
     * Runs {@code work} with the system home's collection {@code name} locked, in one transaction (see
     * {@link LockedCollection}); null when it does not exist.
     */
    public <T> T underLock(String name, Function<LockedCollection, T> work) {
        return backend.underLock(name, work);
    }

    /** A collection as clients see it (stored, shown in every home, or derived), if it exists. */
    public Optional<DavCollection> collection(String home, String collection) {
        return backend.collection(home, collection);
    }

    /**
     * Creates a collection in a user's home as MKCALENDAR / extended MKCOL would: empty when the home is no
     * active user's, the name is taken or reserved ({@code crm-…}, the company calendar's home).
     */
    public Optional<DavCollection> createCollection(String home, String name, CollectionKind kind, CollectionProps props) {
        return backend.createCollection(home, name, kind, props);
    }

    /** Whether {@code username} is an active user, who has a DAV home. */
    public boolean hasHome(String username) {
        return backend.principal(username).isPresent();
    }

    /** The object of a collection holding this UID (RFC 4791 §5.3.2 allows one per collection). */
    public Optional<DavObjectInfo> findByUid(String home, String collection, String uid) {
        return backend.collection(home, collection).flatMap(c -> backend.findByUid(c, uid));
    }

    /** The row id of a stored collection (what {@link DavObjectChange#collectionId()} names). */
    public Optional<Long> collectionId(String home, String collection) {
        return backend.collection(home, collection).map(DavCollection::syncToken).filter(SyncTokens::isStored)
                .map(SyncTokens::collectionId);
    }
}
