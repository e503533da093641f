package org.switchboard.dav.spi;

/**
 * A calendar object or vCard resource, or a file of a plain collection, stored exactly as the client sent it.
 *
 * @param name        the last path segment (e.g. {@code 6f1c.ics}), never encoded
 * @param etag        a strong entity tag including its quotes
 * @param data        the raw bytes; GET returns them byte for byte
 * @param index       the extracted fields of a calendar object or vCard; null for a file
 * @param contentType the media type a file was PUT with (served back by GET); null for calendar objects and
 *                    vCards, whose type follows from their collection
 */
public record DavObject(String name, String etag, byte[] data, ObjectIndex index, String contentType) {

    /** A calendar object or vCard. */
    public DavObject(String name, String etag, byte[] data, ObjectIndex index) {
        this(name, etag, data, index, null);
    }

    public DavObjectInfo info() { return new DavObjectInfo(name, etag, data.length, index, contentType); }
}
