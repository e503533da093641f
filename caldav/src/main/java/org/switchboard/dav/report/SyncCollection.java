package org.switchboard.dav.report;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.Resource;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.SyncSupport;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/**
 * sync-collection (RFC 6578 §3). Depth: 1 is accepted (Thunderbird, iOS send it); removed members are
 * 404 responses; an unknown or expired token is 403 DAV:valid-sync-token (§3.2); a truncated answer
 * carries a 507 response for the collection (§3.6).
 */
public final class SyncCollection implements ReportHandler {

    @Override
    public void run(DavContext ctx, Element body) throws DavException, IOException {
        Resource target = ctx.resolve();
        if (target.collection() == null || target.collection().isPlain() || target.object() != null || !(ctx.backend instanceof SyncSupport sync)) {
            throw new DavException(403, Ns.dav("supported-report"), "sync-collection needs a collection");
        }
        String token = SafeXml.text(SafeXml.child(body, Ns.dav("sync-token")));
        if (token != null && token.isEmpty()) token = null;
        int limit = 0;
        Element lim = SafeXml.child(body, Ns.dav("limit"));
        if (lim != null) {
            try {
                limit = Integer.parseInt(SafeXml.text(SafeXml.child(lim, Ns.dav("nresults"))));
            } catch (RuntimeException e) {
                throw new DavException(400, "bad limit");
            }
        }
        ReportProps props = ReportProps.parse(body);
        DavCollection c = target.collection();
        Optional<SyncSupport.Changes> changes = sync.changesSince(c, token, limit);
        if (changes.isEmpty()) throw new DavException(403, Ns.dav("valid-sync-token"), "unknown or expired sync token");
        SyncSupport.Changes ch = changes.get();
        Multistatus ms = new Multistatus();
        Map<String, DavObject> found = new LinkedHashMap<>();
        for (DavObject o : ctx.backend.getAll(c, ch.changed())) found.put(o.name(), o);
        for (String name : ch.changed()) {
            DavObject o = found.get(name);
            if (o == null) ms.status(ctx.hrefs.object(c, name), 404, null); // deleted since the log was read
            else ms.response(ctx.hrefs.object(c, name), props.render(ctx, c, target.access(), o.info(), o));
        }
        for (String name : ch.deleted()) ms.status(ctx.hrefs.object(c, name), 404, null);
        if (ch.truncated()) ms.status(ctx.hrefs.collection(c), 507, Ns.dav("number-of-matches-within-limits"));
        ctx.sendMultistatus(ms.finish(ch.newToken()));
    }
}
