package org.switchboard.dav.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/**
 * calendar-multiget (RFC 4791 §7.9) and addressbook-multiget (RFC 6352 §8.7). Hrefs may name objects
 * of any readable collection, so the report also works on the principal URL (Outlook CalDav Synchronizer).
 */
public class Multiget implements ReportHandler {

    @Override
    public void run(DavContext ctx, Element body) throws DavException, IOException {
        ctx.resolve(); // the request target must exist and be readable
        ReportProps props = ReportProps.parse(body);
        Multistatus ms = new Multistatus();
        Map<String, List<String[]>> byCollection = new LinkedHashMap<>();
        Map<String, DavCollection> collections = new LinkedHashMap<>();
        for (Element h : SafeXml.children(body, Ns.dav("href"))) {
            String href = SafeXml.text(h);
            DavPath p = DavPath.fromHref(href, ctx.config.pathPrefix());
            if (p.type() != DavPath.Type.OBJECT) {
                ms.status(href, 404, null);
                continue;
            }
            String key = p.home() + "/" + p.collection();
            if (!collections.containsKey(key)) {
                try {
                    collections.put(key, ctx.collection(p));
                } catch (DavException e) {
                    collections.put(key, null);
                    ms.status(href, e.status() == 403 ? 403 : 404, null);
                    continue;
                }
            }
            if (collections.get(key) == null || collections.get(key).isPlain()) { // files are not calendar data
                ms.status(href, 404, null);
                continue;
            }
            byCollection.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[] {href, p.object()});
        }
        for (Map.Entry<String, List<String[]>> e : byCollection.entrySet()) {
            DavCollection c = collections.get(e.getKey());
            Access access = ctx.backend.access(ctx.user, c);
            List<String> names = new ArrayList<>();
            for (String[] hn : e.getValue()) names.add(hn[1]);
            Map<String, DavObject> found = new LinkedHashMap<>();
            for (DavObject o : ctx.backend.getAll(c, names)) found.put(o.name(), o);
            for (String[] hn : e.getValue()) {
                DavObject o = found.get(hn[1]);
                if (o == null) ms.status(hn[0], 404, null);
                else ms.response(ctx.hrefs.object(c, o.name()), props.render(ctx, c, access, o.info(), o));
            }
        }
        ctx.sendMultistatus(ms.finish());
    }
}
