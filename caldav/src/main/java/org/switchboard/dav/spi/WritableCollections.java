package org.switchboard.dav.spi;

import java.util.Optional;

/** MKCALENDAR, extended MKCOL, PROPPATCH and DELETE of collections. */
public interface WritableCollections {

    /** Creates {@code /<home>/<name>/}; empty if it already exists. */
    Optional<DavCollection> createCollection(String home, String name, CollectionKind kind, CollectionProps props);

    /** Applies the non-null fields of {@code patch}. */
    DavCollection updateCollection(DavCollection collection, CollectionProps patch);

    /** Deletes the collection and its members; false if it did not exist. */
    boolean deleteCollection(DavCollection collection);
}
