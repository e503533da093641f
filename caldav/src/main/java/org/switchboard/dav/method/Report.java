package org.switchboard.dav.method;

import java.io.IOException;
import java.util.Map;
import javax.xml.namespace.QName;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.report.AddressbookQuery;
import org.switchboard.dav.report.CalendarQuery;
import org.switchboard.dav.report.FreeBusyQuery;
import org.switchboard.dav.report.AddressbookMultiget;
import org.switchboard.dav.report.CalendarMultiget;
import org.switchboard.dav.report.ReportHandler;
import org.switchboard.dav.report.SyncCollection;
import org.switchboard.dav.spi.SyncSupport;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/** REPORT: dispatches on the body's root element; an unknown report is 403 DAV:supported-report (RFC 3253 §3.6). */
public final class Report implements MethodHandler {
    private static final Map<QName, ReportHandler> REPORTS = Map.of(
            Ns.cal("calendar-query"), new CalendarQuery(),
            Ns.cal("calendar-multiget"), new CalendarMultiget(),
            Ns.cal("free-busy-query"), new FreeBusyQuery(),
            Ns.card("addressbook-query"), new AddressbookQuery(),
            Ns.card("addressbook-multiget"), new AddressbookMultiget(),
            Ns.dav("sync-collection"), new SyncCollection());

    @Override
    public void handle(DavContext ctx) throws DavException, IOException {
        Element body = ctx.xml();
        if (body == null) throw new DavException(400, "REPORT needs a body");
        QName name = SafeXml.name(body);
        if (name.equals(Ns.dav("expand-property"))) {
            // not supported (nor listed in supported-report-set); InfCloud copes with an empty 207
            ctx.resolve();
            ctx.sendMultistatus(new Multistatus().finish());
            return;
        }
        ReportHandler h = REPORTS.get(name);
        if (h == null || (name.equals(Ns.dav("sync-collection")) && !(ctx.backend instanceof SyncSupport))) {
            throw new DavException(403, Ns.dav("supported-report"), "unsupported report " + name);
        }
        h.run(ctx, body);
    }
}
