package org.switchboard.dav.method;

import org.switchboard.dav.DavContext;

/** OPTIONS: the compliance classes we really implement (RFC 4918 §10.1, RFC 4791 §5.1, RFC 6352 §6.1, RFC 5689). */
public final class Options implements MethodHandler {
    public static final String DAV = "1, 3, calendar-access, addressbook, extended-mkcol";
    public static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT, MKCALENDAR, MKCOL";

    @Override
    public void handle(DavContext ctx) {
        ctx.resp.setHeader("DAV", DAV);
        ctx.resp.setHeader("Allow", ALLOW);
        ctx.status(200);
    }
}
