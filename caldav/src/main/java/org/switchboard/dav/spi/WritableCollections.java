package org.switchboard.dav.spi;

import java.util.Optional;

/** MKCALENDAR, extended MKCOL, PROPPATCH and DELETE of collections. */
public interface WritableCollections {

    /**
     * Creates {@code /<home>/<name>/}; empty if it already exists (or, for a nested plain collection, if its
     * parent no longer does: see {@link PlainCollections}).
     */
    Optional<DavCollection> createCollection(String home, String name, CollectionKind kind, CollectionProps props);

    /** Applies the non-null fields of {@code patch}. */
    DavCollection updateCollection(DavCollection collection, CollectionProps patch);

    /** Deletes the collection and its members (and, for a plain one, every collection below it); false if it did not exist. */
    boolean deleteCollection(DavCollection collection);
}
