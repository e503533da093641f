package org.switchboard.dav;

import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.method.Put;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.vcard.VCardObject;

/**
 * For a backend that writes objects itself (a CRM meeting becoming an iCalendar object, a contact a
 * vCard, a Radicale import): validates the bytes the way PUT does and computes the ETag and index the
 * engine expects, so server-made objects are indistinguishable from client-made ones.
 */
public final class DavObjects {
    private DavObjects() {}

    /** A calendar object resource; {@code maxInstances} as in {@link DavConfig#maxInstances()}. */
    public static DavObject calendarObject(String name, byte[] data, int maxInstances) throws InvalidObjectException {
        ICalObject o = ICalObject.parse(data);
        return new DavObject(name, etag(data), data, o.index(maxInstances));
    }

    /** An address object resource (a vCard). */
    public static DavObject vcardObject(String name, byte[] data) throws InvalidObjectException {
        return new DavObject(name, etag(data), data, VCardObject.parse(data).index());
    }

    /** The strong ETag the engine gives these bytes (a digest: equal bytes, equal tag). */
    public static String etag(byte[] data) { return Put.etag(data); }
}
