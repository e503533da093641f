package org.switchboard.dav.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.Resource;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/** addressbook-query (RFC 6352 §8.6) with {@code <CR:limit><CR:nresults>}: past it, 507 (§8.6.1). */
public final class AddressbookQuery implements ReportHandler {

    @Override
    public void run(DavContext ctx, Element body) throws DavException, IOException {
        Resource target = ctx.resolve();
        if (target.collection() == null || !target.collection().isAddressBook() || target.object() != null) {
            throw new DavException(403, Ns.dav("supported-report"), "addressbook-query needs an address book");
        }
        AddressFilter filter = AddressFilter.parse(SafeXml.child(body, Ns.card("filter")));
        ReportProps props = ReportProps.parse(body);
        int limit = 0;
        Element lim = SafeXml.child(body, Ns.card("limit"));
        if (lim != null) {
            try {
                limit = Integer.parseInt(SafeXml.text(SafeXml.child(lim, Ns.card("nresults"))));
            } catch (RuntimeException e) {
                throw new DavException(400, "bad limit");
            }
        }
        DavCollection c = target.collection();
        List<String> names = new ArrayList<>();
        for (DavObjectInfo i : ctx.backend.list(c)) names.add(i.name());
        Multistatus ms = new Multistatus();
        int n = 0;
        boolean truncated = false;
        for (DavObject o : ctx.backend.getAll(c, names)) {
            if (!filter.matches(new String(o.data(), StandardCharsets.UTF_8))) continue;
            if (limit > 0 && n >= limit) {
                truncated = true;
                break;
            }
            ms.response(ctx.hrefs.object(c, o.name()), props.render(ctx, c, target.access(), o.info(), o));
            n++;
        }
        if (truncated) ms.status(ctx.hrefs.collection(c), 507, Ns.dav("number-of-matches-within-limits"));
        ctx.sendMultistatus(ms.finish());
    }
}
