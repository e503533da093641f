package org.switchboard.dav.method;

import java.io.IOException;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;

/** GET and HEAD: an object's bytes exactly as stored, with its strong ETag (a file: with its stored Content-Type). */
public final class Get implements MethodHandler {
    private final boolean head;

    public Get(boolean head) { this.head = head; }

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        if (ctx.path.type() != DavPath.Type.OBJECT) {
            ctx.resolve();
            if (!head) ctx.send(200, "text/plain; charset=utf-8", "Switchboard CalDAV/CardDAV: use a calendar or contacts client.\n");
            else ctx.status(200);
            return;
        }
        DavCollection c = ctx.collection(ctx.path);
        DavObject o = ctx.backend.get(c, ctx.path.object()).orElseThrow(() -> new DavException(404, "no such object"));
        ctx.resp.setHeader("ETag", o.etag());
        String inm = ctx.req.getHeader("If-None-Match");
        if (inm != null && (inm.trim().equals("*") || inm.contains(o.etag()))) {
            ctx.resp.setStatus(304);
            return;
        }
        ctx.resp.setStatus(200);
        ctx.resp.setContentType(contentType(c, o.contentType()));
        ctx.resp.setContentLength(o.data().length);
        if (!head) ctx.resp.getOutputStream().write(o.data());
    }

    /** The Content-Type of a member: a file's own, else the media type of its collection. */
    public static String contentType(DavCollection c, String fileType) {
        if (c.isPlain()) return fileType != null ? fileType : MediaType.DEFAULT;
        return c.isCalendar() ? "text/calendar; charset=utf-8" : "text/vcard; charset=utf-8";
    }
}
