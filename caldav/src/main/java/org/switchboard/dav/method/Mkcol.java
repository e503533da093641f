package org.switchboard.dav.method;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/**
 * MKCOL (RFC 4918 §9.3): without a body, a plain WebDAV collection; with an extended MKCOL body (RFC 5689),
 * a calendar, an address book or a plain collection, by its resourcetype. Any other body is 415.
 */
public final class Mkcol implements MethodHandler {

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        String type = ctx.req.getContentType();
        // RFC 4918 §9.3: a body the server does not understand is 415, and nothing is created
        if (type != null && !type.toLowerCase().contains("xml")) throw new DavException(415, "MKCOL body must be XML (RFC 5689) or empty");
        byte[] raw = ctx.body(ctx.config.maxRequestBody(), null);
        if (raw.length == 0 || new String(raw, StandardCharsets.UTF_8).isBlank()) {
            Mkcalendar.create(ctx, CollectionKind.PLAIN, null);
            ctx.status(201);
            return;
        }
        Element body;
        try {
            body = SafeXml.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new DavException(type == null ? 415 : 400, e.getMessage());
        }
        if (!SafeXml.is(body, Ns.dav("mkcol"))) throw new DavException(415, "expected DAV:mkcol (RFC 5689)");
        Element prop = SafeXml.child(SafeXml.child(body, Ns.dav("set")), Ns.dav("prop"));
        Element rt = SafeXml.child(prop, Ns.dav("resourcetype"));
        CollectionKind kind;
        if (SafeXml.child(rt, Ns.cal("calendar")) != null) kind = CollectionKind.CALENDAR;
        else if (SafeXml.child(rt, Ns.card("addressbook")) != null) kind = CollectionKind.ADDRESS_BOOK;
        else if (rt == null || SafeXml.children(rt).stream().allMatch(e -> SafeXml.is(e, Ns.dav("collection")))) kind = CollectionKind.PLAIN;
        else throw new DavException(403, Ns.dav("valid-resourcetype"), "resourcetype must be calendar, addressbook or collection");
        Mkcalendar.create(ctx, kind, prop);
        ctx.status(201);
    }
}
