package org.switchboard.dav.spi;

/**
 * A calendar object or vCard resource, stored exactly as the client sent it.
 *
 * @param name  the last path segment (e.g. {@code 6f1c.ics}), never encoded
 * @param etag  a strong entity tag including its quotes
 * @param data  the raw bytes; GET returns them byte for byte
 */
public record DavObject(String name, String etag, byte[] data, ObjectIndex index) {
    public DavObjectInfo info() { return new DavObjectInfo(name, etag, data.length, index); }
}
