package org.switchboard.dav.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.MultistatusStream;
import org.switchboard.dav.Parsed;
import org.switchboard.dav.Resource;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.TooManyInstancesException;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.OccurrenceSupport;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/**
 * calendar-query (RFC 4791 §7.8). The index pre-filters by component type and first/last occurrence;
 * only the candidates are parsed (once per ETag) and tested against the full filter. The answer is streamed
 * ({@link MultistatusStream}): everything that can fail with an error status happens before the first response.
 */
public final class CalendarQuery implements ReportHandler {
    private static final Logger LOG = Logger.getLogger(CalendarQuery.class.getName());

    @Override
    public void run(DavContext ctx, Element body) throws DavException, IOException {
        Resource target = ctx.resolve();
        if (target.collection() == null || !target.collection().isCalendar()) {
            throw new DavException(403, Ns.dav("supported-report"), "calendar-query needs a calendar");
        }
        CalendarFilter filter = CalendarFilter.parse(SafeXml.child(body, Ns.cal("filter")), ctx.config.maxInstances());
        ReportProps props = ReportProps.parse(body);
        DavCollection c = target.collection();
        List<DavObjectInfo> candidates;
        CalendarFilter.TimeRange eventRange = filter.eventTimeRangeOnly();
        if (target.type() != DavPath.Type.OBJECT && eventRange != null && ctx.backend instanceof OccurrenceSupport occ) {
            // the occurrence index answers exactly; only the members it does not cover are parsed below
            OccurrenceSupport.EventMatches m = occ.eventsOverlapping(c, eventRange.start(), eventRange.end());
            MultistatusStream ms = new MultistatusStream(ctx);
            respond(ctx, ms, c, target, props, m.matches());
            check(ctx, ms, c, target, props, filter, m.unindexed());
            ms.finish();
            return;
        }
        if (target.type() == DavPath.Type.OBJECT) {
            candidates = List.of(target.object());
        } else {
            CalendarFilter.CompFilter ix = filter.indexable();
            candidates = ix != null
                    ? ctx.backend.candidates(c, ix.name(), ix.timeRange().start(), ix.timeRange().end())
                    : ctx.backend.list(c);
        }
        MultistatusStream ms = new MultistatusStream(ctx);
        if (filter.isTypeOnly()) {
            // VCALENDAR > VEVENT with nothing else: the index answers without parsing anything
            List<DavObjectInfo> hits = new ArrayList<>();
            for (DavObjectInfo i : candidates) if (filter.acceptsType(i.index() == null ? null : i.index().componentType())) hits.add(i);
            respond(ctx, ms, c, target, props, hits);
        } else {
            check(ctx, ms, c, target, props, filter, candidates);
        }
        ms.finish();
    }

    /** Parses the candidates (once per ETag) and answers those the whole filter matches. */
    private static void check(DavContext ctx, MultistatusStream ms, DavCollection c, Resource target, ReportProps props,
                              CalendarFilter filter, List<DavObjectInfo> candidates) throws IOException {
        if (candidates.isEmpty()) return;
        List<String> names = new ArrayList<>();
        for (DavObjectInfo i : candidates) names.add(i.name());
        for (DavObject o : ctx.backend.getAll(c, names)) {
            ICalObject obj = Parsed.ical(ctx, c, o);
            if (obj == null) continue;
            boolean match;
            try {
                match = filter.matches(obj);
            } catch (TooManyInstancesException e) {
                LOG.warning("skipping " + o.name() + ": " + e.getMessage());
                match = false;
            }
            if (match) ms.response(ctx.hrefs.object(c, o.name()), props.render(ctx, c, target.access(), o.info(), o));
        }
    }

    /**
     * Answers the hits: from their listing alone when that suffices (no data asked for, an expansion template
     * or shaped calendar-data cached for their current ETags, ADRs 0019, 0020); the others' bodies are fetched
     * in one go.
     */
    private static void respond(DavContext ctx, MultistatusStream ms, DavCollection c, Resource target, ReportProps props,
                                List<DavObjectInfo> hits) throws IOException {
        List<String> fetch = new ArrayList<>();
        for (DavObjectInfo i : hits) {
            if (!props.respondWithoutBody(ctx, ms, c, target.access(), i)) fetch.add(i.name());
        }
        if (fetch.isEmpty()) return;
        for (DavObject o : ctx.backend.getAll(c, fetch)) {
            ms.response(ctx.hrefs.object(c, o.name()), props.render(ctx, c, target.access(), o.info(), o));
        }
    }
}
