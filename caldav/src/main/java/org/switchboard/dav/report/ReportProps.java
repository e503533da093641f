package org.switchboard.dav.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.switchboard.dav.CalendarDataCache;
import org.switchboard.dav.DavContext;
import org.switchboard.dav.DavException;
import org.switchboard.dav.DavPath;
import org.switchboard.dav.DavProperties;
import org.switchboard.dav.MultistatusStream;
import org.switchboard.dav.Parsed;
import org.switchboard.dav.ObjectCache;
import org.switchboard.dav.Resource;
import org.switchboard.dav.ical.CalendarDataRequest;
import org.switchboard.dav.ical.CalendarDataRequest.CompSelection;
import org.switchboard.dav.ical.CalendarDataShaper;
import org.switchboard.dav.ical.ContentTree;
import org.switchboard.dav.ical.ExpansionTemplate;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.TooManyInstancesException;
import org.switchboard.dav.spi.Access;
import org.switchboard.dav.spi.DavCollection;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.vcard.VCardObject;
import org.switchboard.dav.xml.Multistatus;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.switchboard.dav.xml.XmlOut;
import org.w3c.dom.Element;

/** The {@code <D:prop>} of a report, including calendar-data (RFC 4791 §9.6) and address-data (RFC 6352 §10.4). */
public final class ReportProps {
    private final List<QName> names;
    private final CalendarDataRequest calendarData;
    private final boolean addressData;
    private final String addressType;
    private final String addressVersion;
    private Set<String> addressProps; // RFC 6352 §10.4.2: null means the whole vCard

    private ReportProps(List<QName> names, CalendarDataRequest calendarData, boolean addressData, String addressType,
                        String addressVersion) {
        this.names = names;
        this.calendarData = calendarData;
        this.addressData = addressData;
        this.addressType = addressType;
        this.addressVersion = addressVersion;
    }

    public static ReportProps parse(Element report) throws DavException {
        List<QName> names = new ArrayList<>();
        CalendarDataRequest cd = null;
        boolean ad = false;
        String type = null;
        String version = null;
        Element prop = SafeXml.child(report, Ns.dav("prop"));
        if (prop == null && SafeXml.child(report, Ns.dav("allprop")) != null) {
            names.add(Ns.dav("getetag"));
        }
        if (prop != null) {
            for (Element e : SafeXml.children(prop)) {
                QName n = SafeXml.name(e);
                if (n.equals(Ns.cal("calendar-data"))) {
                    cd = calendarData(e);
                } else if (n.equals(Ns.card("address-data"))) {
                    ad = true;
                    type = SafeXml.attr(e, "content-type");
                    version = SafeXml.attr(e, "version");
                    if (type != null && !Set.of("text/vcard", "application/vcard+json").contains(type.toLowerCase())) {
                        throw new DavException(403, Ns.card("supported-address-data"), "unsupported " + type);
                    }
                    if (version != null && !Set.of("3.0", "4.0").contains(version)) {
                        throw new DavException(403, Ns.card("supported-address-data-conversion"), "unsupported version " + version);
                    }
                } else {
                    names.add(n);
                }
            }
        }
        ReportProps rp = new ReportProps(names, cd, ad, type, version);
        Element adEl = prop == null ? null : SafeXml.child(prop, Ns.card("address-data"));
        if (adEl != null && SafeXml.child(adEl, Ns.card("allprop")) == null && !SafeXml.children(adEl, Ns.card("prop")).isEmpty()) {
            rp.addressProps = new LinkedHashSet<>(List.of("BEGIN", "END", "VERSION"));
            for (Element p : SafeXml.children(adEl, Ns.card("prop"))) {
                String n = SafeXml.attr(p, "name");
                if (n != null) rp.addressProps.add(n.toUpperCase());
            }
        }
        return rp;
    }

    private static CalendarDataRequest calendarData(Element e) throws DavException {
        String type = SafeXml.attr(e, "content-type");
        if (type != null && !type.equalsIgnoreCase("text/calendar")) {
            throw new DavException(403, Ns.cal("supported-calendar-data"), "unsupported " + type);
        }
        Element comp = SafeXml.child(e, Ns.cal("comp"));
        Element expand = SafeXml.child(e, Ns.cal("expand"));
        Element limit = SafeXml.child(e, Ns.cal("limit-recurrence-set"));
        CalendarFilter.TimeRange ex = expand == null ? null : CalendarFilter.timeRange(expand);
        CalendarFilter.TimeRange li = limit == null ? null : CalendarFilter.timeRange(limit);
        // RFC 4791 §9.6.5: expand needs both start and end
        if (expand != null && (ex.start() == null || ex.end() == null)) {
            throw new DavException(403, Ns.cal("valid-filter"), "expand needs start and end");
        }
        return new CalendarDataRequest(comp == null ? null : selection(comp),
                ex == null ? null : ex.start(), ex == null ? null : ex.end(), expand != null,
                li == null ? null : li.start(), li == null ? null : li.end(), limit != null);
    }

    private static CompSelection selection(Element comp) {
        Set<String> props = new LinkedHashSet<>();
        for (Element p : SafeXml.children(comp, Ns.cal("prop"))) {
            String n = SafeXml.attr(p, "name");
            if (n != null) props.add(n.toUpperCase());
        }
        List<CompSelection> comps = new ArrayList<>();
        for (Element c : SafeXml.children(comp, Ns.cal("comp"))) comps.add(selection(c));
        return new CompSelection(String.valueOf(SafeXml.attr(comp, "name")).toUpperCase(),
                SafeXml.child(comp, Ns.cal("allprop")) != null, props,
                SafeXml.child(comp, Ns.cal("allcomp")) != null, comps);
    }

    /** True when a response needs the object's body (calendar-data or address-data requested). */
    public boolean needsData() { return calendarData != null || addressData; }

    /** The propstats of one object; {@code o} may be null when {@link #needsData()} is false. */
    public Map<Integer, List<String>> render(DavContext ctx, DavCollection c, Access access, DavObjectInfo info, DavObject o) {
        return render(ctx, c, ctx.hrefs.object(c, info.name()), access, info, o, null);
    }

    /**
     * Adds the response of one object from its listing alone (name, ETag) and returns true, or returns false
     * when its body is needed: no data asked for, calendar-data expanded from the object's template (ADR 0020,
     * written straight into the document, ADR 0022), or shaped for this request and this ETag already cached
     * (ADR 0019).
     */
    public boolean respondWithoutBody(DavContext ctx, MultistatusStream ms, DavCollection c, Access access,
                                      DavObjectInfo info) throws IOException {
        String href = ctx.hrefs.object(c, info.name());
        if (!needsData()) {
            ms.response(href, render(ctx, c, href, access, info, null, null));
            return true;
        }
        if (addressData || calendarData.isVerbatim() || !c.isCalendar()) return false;
        ExpansionTemplate template = template(ctx, href, info.etag(), null);
        if (template != null) {
            List<String> found = new ArrayList<>(names.size());
            List<String> missing = new ArrayList<>(0);
            properties(ctx, c, href, access, info, found, missing);
            ms.response(href, found, template.fragment(calendarData.expandStart(), calendarData.expandEnd()), missing);
            return true;
        }
        String element = ctx.cache.calendarData().get(calendarDataKey(href, info.etag()));
        if (element == null) return false;
        ms.response(href, render(ctx, c, href, access, info, null, element));
        return true;
    }

    private CalendarDataCache.Key calendarDataKey(String href, String etag) {
        return new CalendarDataCache.Key(href, etag, calendarData);
    }

    /** @param calendarDataElement the shaped calendar-data element when already known, else null */
    private Map<Integer, List<String>> render(DavContext ctx, DavCollection c, String href, Access access, DavObjectInfo info,
                                              DavObject o, String calendarDataElement) {
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        properties(ctx, c, href, access, info, found, missing);
        if (calendarData != null) {
            String element = calendarDataElement;
            if (element == null && c.isCalendar() && o != null) {
                element = calendarDataOf(ctx, c, href, o);
            }
            if (element != null) found.add(element);
            else missing.add(new XmlOut().empty(Ns.cal("calendar-data")).toFragment());
        }
        if (addressData) {
            String text = null;
            if (c.isAddressBook() && o != null) {
                if (addressType == null && addressVersion == null) {
                    text = new String(o.data(), StandardCharsets.UTF_8); // stored text, byte for byte
                } else {
                    VCardObject v = Parsed.vcard(ctx, c, o);
                    text = v == null ? null : v.render(addressType, addressVersion);
                }
            }
            if (text != null && addressProps != null && !"application/vcard+json".equalsIgnoreCase(addressType)) {
                StringBuilder sb = new StringBuilder();
                for (String line : ContentTree.unfold(text)) {
                    if (addressProps.contains(ContentTree.name(line))) sb.append(line).append("\r\n");
                }
                text = sb.toString();
            }
            if (text != null) found.add(new XmlOut().element(Ns.card("address-data"), text).toFragment());
            else missing.add(new XmlOut().empty(Ns.card("address-data")).toFragment());
        }
        Map<Integer, List<String>> m = new LinkedHashMap<>(Multistatus.props(found, missing));
        return m;
    }

    /** The live properties asked for besides the data, rendered into {@code found} or named in {@code missing}. */
    private void properties(DavContext ctx, DavCollection c, String href, Access access, DavObjectInfo info,
                            List<String> found, List<String> missing) {
        if (names.isEmpty()) return;
        Resource r = new Resource(DavPath.Type.OBJECT, href, null, c, info, access);
        for (QName n : names) {
            String v = DavProperties.render(n, r, ctx);
            if (v != null) found.add(v);
            else missing.add(new XmlOut().empty(n).toFragment());
        }
    }

    /** The calendar-data element of {@code o}: verbatim, or shaped once per ETag and request and then cached. */
    private String calendarDataOf(DavContext ctx, DavCollection c, String href, DavObject o) {
        if (calendarData.isVerbatim()) {
            return new XmlOut().element(Ns.cal("calendar-data"), new String(o.data(), StandardCharsets.UTF_8)).toFragment();
        }
        ExpansionTemplate template = template(ctx, href, o.etag(), null);
        if (template != null) return template.element(calendarData.expandStart(), calendarData.expandEnd());
        CalendarDataCache.Key key = calendarDataKey(href, o.etag());
        String element = ctx.cache.calendarData().get(key);
        if (element != null) return element;
        ICalObject obj = Parsed.ical(ctx, c, o);
        if (obj == null) return null;
        template = template(ctx, href, o.etag(), obj);
        if (template != null) return template.element(calendarData.expandStart(), calendarData.expandEnd());
        try {
            element = new XmlOut().element(Ns.cal("calendar-data"),
                    CalendarDataShaper.shape(obj, calendarData, ctx.config.maxInstances())).toFragment();
        } catch (TooManyInstancesException e) {
            return null;
        }
        ctx.cache.calendarData().put(key, element);
        return element;
    }

    /**
     * The object's {@link ExpansionTemplate} (ADR 0020) when the request is a plain expand and the template
     * covers its range, made from {@code obj} when there is none yet (with {@code obj} null: only if there is
     * one); else null, and the shaper answers. What a template writes is not kept in the
     * {@link CalendarDataCache}: writing it again costs about what looking it up does, and the thousands of
     * insertions of a new range were a third of such a request.
     */
    private ExpansionTemplate template(DavContext ctx, String href, String etag, ICalObject obj) {
        if (!calendarData.expand() || calendarData.comp() != null) return null;
        ObjectCache.Version version = new ObjectCache.Version(href, etag);
        ExpansionTemplate template = ctx.cache.expansions().get(version);
        if (template == null) {
            if (obj == null) return null;
            template = ExpansionTemplate.of(obj, ctx.config.maxInstances());
            ctx.cache.expansions().put(version, template);
        }
        return template.covers(calendarData.expandStart(), calendarData.expandEnd()) ? template : null;
    }
}
