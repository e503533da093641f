package org.switchboard.server.dav;

import org.switchboard.dav.spi.DavCollection;

/** A {@code dav_collection} row: the engine's view plus what only the backend needs (row id, sharing). */
record StoredCollection(long id, boolean shared, long syncSeq, DavCollection dav) {
}
