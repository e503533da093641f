package org.switchboard.dav;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.vcard.VCardObject;

/** Stored objects parsed once per ETag (through {@link ObjectCache}). */
public final class Parsed {
    private static final Logger LOG = Logger.getLogger(Parsed.class.getName());

    private Parsed() {}

    /** The parsed iCalendar object, or null if what the backend holds cannot be parsed (logged). */
    public static ICalObject ical(DavContext ctx, DavCollection c, DavObject o) {
        return ctx.cache.get("c" + ctx.hrefs.object(c, o.name()) + o.etag(), () -> {
            try {
                return ICalObject.parse(o.data());
            } catch (InvalidObjectException e) {
                LOG.log(Level.WARNING, "stored object {0} does not parse: {1}", new Object[] {o.name(), e.getMessage()});
                return null;
            }
        });
    }

    public static VCardObject vcard(DavContext ctx, DavCollection c, DavObject o) {
        return ctx.cache.get("v" + ctx.hrefs.object(c, o.name()) + o.etag(), () -> {
            try {
                return VCardObject.parse(o.data());
            } catch (InvalidObjectException e) {
                LOG.log(Level.WARNING, "stored vCard {0} does not parse: {1}", new Object[] {o.name(), e.getMessage()});
                return null;
            }
        });
    }
}
