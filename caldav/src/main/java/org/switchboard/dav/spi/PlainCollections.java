package org.switchboard.dav.spi;

import java.util.List;

/**
 * Plain WebDAV collections and files (RFC 4918) for generic WebDAV clients (litmus, cadaver, file
 * managers), next to the calendars and address books. Optional, like {@link SyncSupport}: without it
 * the engine refuses a plain MKCOL with 403. It needs {@link WritableCollections} too.
 *
 * <p>A plain collection is a {@link DavCollection} of kind {@link CollectionKind#PLAIN}. It lives in a
 * user's home, {@code /<home>/<name>/}, or inside another plain collection; its {@code name} is then the
 * path below the home, segments joined by {@code /} ({@code docs/2026}), which a decoded URL segment can
 * never contain. The engine creates nested ones with
 * {@link WritableCollections#createCollection createCollection(home, "docs/2026", PLAIN, props)} after
 * checking that the parent exists and is plain; the backend answers empty if the collection exists or the
 * parent has gone meanwhile. {@link WritableCollections#deleteCollection} of a plain collection deletes
 * everything below it (RFC 4918 §9.6.1). {@link DavBackend#collections} lists only collections directly in
 * the home.
 *
 * <p>The members of a plain collection are files: {@link DavObject}s with a content type and no index,
 * stored through the usual {@link DavBackend#put} and {@link DavBackend#delete}. They are never parsed,
 * indexed or reported by calendar or address-book queries.
 */
public interface PlainCollections {

    /** The plain collections directly inside {@code parent} (a plain collection), for PROPFIND Depth 1. */
    List<DavCollection> subcollections(DavCollection parent);
}
