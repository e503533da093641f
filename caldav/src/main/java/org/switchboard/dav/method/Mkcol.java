package org.switchboard.dav.method;

import java.io.IOException;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/** Extended MKCOL (RFC 5689) creating a calendar or an address book; plain collections are refused. */
public final class Mkcol implements MethodHandler {

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        String type = ctx.req.getContentType();
        if (type != null && !type.toLowerCase().contains("xml")) throw new DavException(415, "MKCOL body must be XML");
        Element body = ctx.xml();
        if (body == null || !SafeXml.is(body, Ns.dav("mkcol"))) {
            throw new DavException(403, "only calendars and address books can be created (RFC 5689 extended MKCOL)");
        }
        Element prop = SafeXml.child(SafeXml.child(body, Ns.dav("set")), Ns.dav("prop"));
        Element rt = SafeXml.child(prop, Ns.dav("resourcetype"));
        CollectionKind kind;
        if (SafeXml.child(rt, Ns.cal("calendar")) != null) kind = CollectionKind.CALENDAR;
        else if (SafeXml.child(rt, Ns.card("addressbook")) != null) kind = CollectionKind.ADDRESS_BOOK;
        else throw new DavException(403, Ns.dav("valid-resourcetype"), "resourcetype must be calendar or addressbook");
        Mkcalendar.create(ctx, kind, prop);
        ctx.status(201);
    }
}
