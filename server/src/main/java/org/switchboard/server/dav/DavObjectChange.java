package org.switchboard.server.dav;

import org.switchboard.dav.spi.DavObject;

/**
 * An object written to or deleted from a stored collection, as {@link DavWriteListener}s see it.
 *
 * @param collectionId the {@code dav_collection} row
 * @param home         the home segment, e.g. {@code company}
 * @param collection   the collection segment, e.g. {@code meetings}
 * @param name         the object segment, e.g. {@code 6f1c.ics}
 * @param object       what is stored now (bytes as received, ETag, index); null when it was deleted
 * @param created      true when the name was new
 */
public record DavObjectChange(long collectionId, String home, String collection, String name, DavObject object, boolean created) {
    public boolean deleted() {
        return object == null;
    }
}
