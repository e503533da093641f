package org.switchboard.dav.report;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.model.Property;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.Parsed;
import org.switchboard.dav.Resource;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.Instance;
import org.switchboard.dav.ical.Temporals;
import org.switchboard.dav.ical.TimeRanges;
import org.switchboard.dav.ical.TooManyInstancesException;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.OccurrenceSupport;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;

/**
 * free-busy-query (RFC 4791 §7.10): a VFREEBUSY of the busy time of the VEVENTs overlapping the range.
 * Transparent and cancelled events are free; tentative ones are BUSY-TENTATIVE.
 */
public final class FreeBusyQuery implements ReportHandler {

    @Override
    public void run(DavContext ctx, org.w3c.dom.Element body) throws DavException, IOException {
        Resource target = ctx.resolve();
        if (target.collection() == null || !target.collection().isCalendar() || target.object() != null) {
            throw new DavException(403, Ns.dav("supported-report"), "free-busy-query needs a calendar");
        }
        CalendarFilter.TimeRange range = CalendarFilter.timeRange(SafeXml.child(body, Ns.cal("time-range")));
        if (range == null || range.start() == null || range.end() == null) {
            throw new DavException(400, "free-busy-query needs a time-range with start and end");
        }
        DavCollection c = target.collection();
        List<Instant[]> busy = new ArrayList<>();
        List<Instant[]> tentative = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<DavObjectInfo> toParse;
        if (ctx.backend instanceof OccurrenceSupport occ) {
            // indexed instances come with their busy type; only members the index does not cover are parsed
            OccurrenceSupport.BusyTime indexed = occ.busyTime(c, range.start(), range.end());
            for (OccurrenceSupport.Occurrence o : indexed.periods()) {
                if (o.busy() == OccurrenceSupport.Busy.FREE || !overlaps(o, range.start(), range.end())) continue;
                Instant s = o.start().isBefore(range.start()) ? range.start() : o.start();
                Instant e = o.end().isAfter(range.end()) ? range.end() : o.end();
                if (!e.isAfter(s)) continue;
                (o.busy() == OccurrenceSupport.Busy.TENTATIVE ? tentative : busy).add(new Instant[] {s, e});
            }
            toParse = indexed.unindexed();
        } else {
            toParse = ctx.backend.candidates(c, "VEVENT", range.start(), range.end());
        }
        for (DavObjectInfo i : toParse) names.add(i.name());
        for (DavObject o : ctx.backend.getAll(c, names)) {
            ICalObject obj = Parsed.ical(ctx, c, o);
            if (obj == null || !"VEVENT".equals(obj.componentType())) continue;
            List<Instance> instances;
            try {
                instances = obj.instances(range.start(), range.end(), ctx.config.maxInstances());
            } catch (TooManyInstancesException e) {
                continue;
            }
            for (Instance i : instances) {
                if (!TimeRanges.overlaps(i, range.start(), range.end())) continue;
                String transp = value(i, "TRANSP");
                String status = value(i, "STATUS");
                if ("TRANSPARENT".equalsIgnoreCase(transp) || "CANCELLED".equalsIgnoreCase(status)) continue;
                Instant s = i.start().isBefore(range.start()) ? range.start() : i.start();
                Instant e = i.end().isAfter(range.end()) ? range.end() : i.end();
                if (!e.isAfter(s)) continue;
                ("TENTATIVE".equalsIgnoreCase(status) ? tentative : busy).add(new Instant[] {s, e});
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Switchboard//CalDAV//EN\r\nBEGIN:VFREEBUSY\r\n");
        sb.append("DTSTAMP:").append(Temporals.formatUtc(Instant.now())).append("\r\n");
        sb.append("DTSTART:").append(Temporals.formatUtc(range.start())).append("\r\n");
        sb.append("DTEND:").append(Temporals.formatUtc(range.end())).append("\r\n");
        for (Instant[] p : merge(busy)) line(sb, "BUSY", p);
        for (Instant[] p : merge(tentative)) line(sb, "BUSY-TENTATIVE", p);
        sb.append("END:VFREEBUSY\r\nEND:VCALENDAR\r\n");
        ctx.send(200, "text/calendar; charset=utf-8", sb.toString());
    }

    /** RFC 4791 §9.9 for a VEVENT instance, as {@link TimeRanges#overlaps}. */
    private static boolean overlaps(OccurrenceSupport.Occurrence o, Instant start, Instant end) {
        if (o.end().isAfter(o.start())) return start.isBefore(o.end()) && o.start().isBefore(end);
        return !start.isAfter(o.start()) && o.start().isBefore(end);
    }

    private static String value(Instance i, String name) {
        Optional<Property> p = i.component().getProperty(name);
        return p.map(Property::getValue).orElse(null);
    }

    private static void line(StringBuilder sb, String type, Instant[] p) {
        sb.append("FREEBUSY;FBTYPE=").append(type).append(':').append(Temporals.formatUtc(p[0])).append('/')
                .append(Temporals.formatUtc(p[1])).append("\r\n");
    }

    static List<Instant[]> merge(List<Instant[]> periods) {
        periods.sort((a, b) -> a[0].compareTo(b[0]));
        List<Instant[]> out = new ArrayList<>();
        for (Instant[] p : periods) {
            if (!out.isEmpty() && !p[0].isAfter(out.get(out.size() - 1)[1])) {
                Instant[] last = out.get(out.size() - 1);
                if (p[1].isAfter(last[1])) last[1] = p[1];
            } else {
                out.add(new Instant[] {p[0], p[1]});
            }
        }
        return out;
    }
}
