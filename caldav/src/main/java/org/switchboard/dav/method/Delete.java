package org.switchboard.dav.method;

import java.io.IOException;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.WriteResult;
import org.switchboard.dav.spi.WritableCollections;

/** DELETE of an object (If-Match honoured) or of one of the user's own collections. */
public final class Delete implements MethodHandler {

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        DavPath p = ctx.path;
        if (p.type() == DavPath.Type.COLLECTION) {
            DavCollection c = ctx.collection(p);
            ctx.requireWrite(c);
            if (!p.home().equals(ctx.user) || !(ctx.backend instanceof WritableCollections w)) {
                throw new DavException(403, "only your own collections can be deleted");
            }
            if (!w.deleteCollection(c)) throw new DavException(404, "no such collection");
            ctx.status(204);
            return;
        }
        if (p.type() != DavPath.Type.OBJECT) throw new DavException(403, "cannot delete this");
        DavCollection c = ctx.collection(p);
        ctx.requireWrite(c);
        WriteResult r = ctx.backend.delete(c, p.object(), Conditions.of(ctx, null));
        switch (r.status()) {
            case DELETED -> ctx.status(204);
            case NOT_FOUND -> throw new DavException(404, "no such object");
            case PRECONDITION_FAILED -> throw new DavException(412, "precondition failed");
            default -> throw new DavException(500, "unexpected delete result " + r.status());
        }
    }
}
