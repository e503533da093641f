package org.switchboard.dav.spi;

/**
 * A member of a collection without its body: enough for PROPFIND getetag and index pre-filtering.
 * {@code contentType} is set for files of plain collections only (see {@link DavObject}).
 */
public record DavObjectInfo(String name, String etag, long size, ObjectIndex index, String contentType) {

    /** A calendar object or vCard. */
    public DavObjectInfo(String name, String etag, long size, ObjectIndex index) {
        this(name, etag, size, index, null);
    }
}
