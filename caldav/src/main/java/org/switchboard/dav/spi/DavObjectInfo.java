package org.switchboard.dav.spi;

/** A member of a collection without its body: enough for PROPFIND getetag and index pre-filtering. */
public record DavObjectInfo(String name, String etag, long size, ObjectIndex index) {}
