package org.switchboard.dav.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import org.switchboard.dav.DavException;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.Instance;
import org.switchboard.dav.ical.TimeRanges;
import org.switchboard.dav.ical.Temporals;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.SafeXml;
import org.w3c.dom.Element;

/** The {@code <C:filter>} of calendar-query (RFC 4791 §9.7) and its evaluation. */
public final class CalendarFilter {

    public record TimeRange(Instant start, Instant end) {}

    public record CompFilter(String name, boolean isNotDefined, TimeRange timeRange, List<PropFilter> props,
                             List<CompFilter> comps) {}

    public record PropFilter(String name, boolean isNotDefined, TimeRange timeRange, TextMatch textMatch,
                             List<ParamFilter> params) {}

    public record ParamFilter(String name, boolean isNotDefined, TextMatch textMatch) {}

    private final CompFilter root;
    private final int maxInstances;

    private CalendarFilter(CompFilter root, int maxInstances) {
        this.root = root;
        this.maxInstances = maxInstances;
    }

    public CompFilter root() { return root; }

    /** Parses {@code <C:filter>}; a missing filter matches everything. */
    public static CalendarFilter parse(Element filter, int maxInstances) throws DavException {
        if (filter == null) return new CalendarFilter(null, maxInstances);
        Element vcal = SafeXml.child(filter, Ns.cal("comp-filter"));
        if (vcal == null || !"VCALENDAR".equalsIgnoreCase(SafeXml.attr(vcal, "name"))) {
            throw new DavException(403, Ns.cal("valid-filter"), "filter must start with comp-filter VCALENDAR");
        }
        return new CalendarFilter(comp(vcal), maxInstances);
    }

    private static CompFilter comp(Element e) throws DavException {
        List<PropFilter> props = new ArrayList<>();
        List<CompFilter> comps = new ArrayList<>();
        for (Element p : SafeXml.children(e, Ns.cal("prop-filter"))) props.add(prop(p));
        for (Element c : SafeXml.children(e, Ns.cal("comp-filter"))) comps.add(comp(c));
        return new CompFilter(upper(SafeXml.attr(e, "name")), SafeXml.child(e, Ns.cal("is-not-defined")) != null,
                timeRange(SafeXml.child(e, Ns.cal("time-range"))), props, comps);
    }

    private static PropFilter prop(Element e) throws DavException {
        List<ParamFilter> params = new ArrayList<>();
        for (Element p : SafeXml.children(e, Ns.cal("param-filter"))) {
            params.add(new ParamFilter(upper(SafeXml.attr(p, "name")), SafeXml.child(p, Ns.cal("is-not-defined")) != null,
                    textMatch(SafeXml.child(p, Ns.cal("text-match")))));
        }
        return new PropFilter(upper(SafeXml.attr(e, "name")), SafeXml.child(e, Ns.cal("is-not-defined")) != null,
                timeRange(SafeXml.child(e, Ns.cal("time-range"))), textMatch(SafeXml.child(e, Ns.cal("text-match"))), params);
    }

    static TextMatch textMatch(Element e) throws DavException {
        if (e == null) return null;
        String collation = SafeXml.attr(e, "collation");
        if (collation != null && !TextMatch.COLLATIONS.contains(collation)) {
            throw new DavException(403, Ns.cal("supported-collation"), "unsupported collation " + collation);
        }
        String negate = SafeXml.attr(e, "negate-condition");
        return new TextMatch(e.getTextContent(), collation, "yes".equalsIgnoreCase(negate), null);
    }

    public static TimeRange timeRange(Element e) throws DavException {
        if (e == null) return null;
        try {
            Instant s = Temporals.parseUtc(SafeXml.attr(e, "start"));
            Instant end = Temporals.parseUtc(SafeXml.attr(e, "end"));
            if (s == null && end == null) throw new IllegalArgumentException("time-range without start or end");
            if (s != null && end != null && !end.isAfter(s)) throw new IllegalArgumentException("empty time-range");
            return new TimeRange(s, end);
        } catch (RuntimeException ex) {
            throw new DavException(403, Ns.cal("valid-filter"), ex.getMessage());
        }
    }

    private static String upper(String s) { return s == null ? "" : s.toUpperCase(Locale.ROOT); }

    /**
     * The component type and time range usable to pre-filter with the index: set only when the filter is
     * VCALENDAR &gt; X with a time-range on X itself (never for is-not-defined or VALARM ranges).
     */
    public CompFilter indexable() {
        if (root == null || root.isNotDefined()) return null;
        for (CompFilter c : root.comps()) {
            if (!c.isNotDefined() && c.timeRange() != null) return c;
        }
        return null;
    }

    /**
     * The time range when the filter is exactly VCALENDAR &gt; VEVENT with a time-range and nothing else, the
     * question an occurrence index answers alone; else null.
     */
    public TimeRange eventTimeRangeOnly() {
        if (root == null || root.isNotDefined() || !root.props().isEmpty() || root.timeRange() != null
                || root.comps().size() != 1) return null;
        CompFilter c = root.comps().get(0);
        if (!"VEVENT".equals(c.name()) || c.isNotDefined() || c.timeRange() == null || !c.props().isEmpty()
                || !c.comps().isEmpty()) return null;
        return c.timeRange();
    }

    /** The component type the filter asks for (VEVENT, VTODO ...), or null. */
    public String componentType() {
        if (root == null) return null;
        for (CompFilter c : root.comps()) if (!c.isNotDefined()) return c.name();
        return null;
    }

    /** True when the filter only names component types (no time-range, property or nested filters). */
    public boolean isTypeOnly() {
        if (root == null) return true;
        if (root.isNotDefined() || !root.props().isEmpty() || root.timeRange() != null) return false;
        for (CompFilter c : root.comps()) {
            if (c.isNotDefined() || c.timeRange() != null || !c.props().isEmpty() || !c.comps().isEmpty()) return false;
        }
        return true;
    }

    /** For {@link #isTypeOnly()} filters: does an object of this component type match? */
    public boolean acceptsType(String type) {
        if (root == null) return true;
        for (CompFilter c : root.comps()) if (!c.name().equalsIgnoreCase(String.valueOf(type))) return false;
        return true;
    }

    public boolean matches(ICalObject obj) {
        if (root == null) return true;
        if (root.isNotDefined()) return false;
        // VCALENDAR-level prop-filters test the calendar's own properties
        for (PropFilter pf : root.props()) {
            if (!propMatches(obj.calendar().getProperties(pf.name()), pf)) return false;
        }
        for (CompFilter cf : root.comps()) {
            if (!topMatches(obj, cf)) return false;
        }
        return true;
    }

    private boolean topMatches(ICalObject obj, CompFilter f) {
        List<Component> candidates = new ArrayList<>();
        if ("VTIMEZONE".equals(f.name())) {
            candidates.addAll(obj.calendar().getComponents("VTIMEZONE"));
        } else {
            for (Component c : obj.components()) if (c.getName().equals(f.name())) candidates.add(c);
        }
        if (f.isNotDefined()) return candidates.isEmpty();
        if (candidates.isEmpty()) return false;
        List<Instance> instances = null;
        if (f.timeRange() != null || needsInstances(f)) {
            Instant from = f.timeRange() == null ? null : f.timeRange().start();
            Instant to = f.timeRange() == null ? null : f.timeRange().end();
            if (needsInstances(f)) {
                // alarms fire around their event: look at the events within a year of the alarm range too
                TimeRange window = f.timeRange() != null ? f.timeRange() : subRanges(f);
                instances = obj.instances(widen(window.start(), -1), widen(window.end(), 1), maxInstances);
            } else {
                instances = obj.instances(from, to, maxInstances);
            }
        }
        if (f.timeRange() != null) {
            // RFC 4791 §9.9: the component matches if any of its instances overlaps
            Set<Component> hit = new LinkedHashSet<>();
            for (Instance i : instances) {
                if (TimeRanges.overlaps(i, f.timeRange().start(), f.timeRange().end())) hit.add(i.component());
            }
            candidates.retainAll(hit);
        }
        for (Component c : candidates) {
            if (!propsMatch(c, f.props())) continue;
            boolean all = true;
            for (CompFilter sub : f.comps()) {
                if (!subMatches(c, instances, sub)) { all = false; break; }
            }
            if (all) return true;
        }
        return false;
    }

    private static boolean needsInstances(CompFilter f) {
        for (CompFilter s : f.comps()) if (s.timeRange() != null) return true;
        return false;
    }

    /** The smallest range holding every time-range of the nested comp-filters (null bounds stay open). */
    private static TimeRange subRanges(CompFilter f) {
        Instant start = null;
        Instant end = null;
        boolean openStart = false;
        boolean openEnd = false;
        for (CompFilter s : f.comps()) {
            if (s.timeRange() == null) continue;
            if (s.timeRange().start() == null) openStart = true;
            else if (start == null || s.timeRange().start().isBefore(start)) start = s.timeRange().start();
            if (s.timeRange().end() == null) openEnd = true;
            else if (end == null || s.timeRange().end().isAfter(end)) end = s.timeRange().end();
        }
        return new TimeRange(openStart ? null : start, openEnd ? null : end);
    }

    private static Instant widen(Instant t, int sign) {
        return t == null ? null : t.plusSeconds(sign * 366L * 86_400);
    }

    /** A nested comp-filter, e.g. VALARM inside VEVENT. */
    private boolean subMatches(Component parent, List<Instance> parentInstances, CompFilter f) {
        List<Component> candidates = subComponents(parent, f.name());
        if (f.isNotDefined()) return candidates.isEmpty();
        for (Component c : candidates) {
            if (f.timeRange() != null) {
                boolean any = false;
                if (parentInstances != null) {
                    for (Instance pi : parentInstances) {
                        if (pi.component() != parent) continue;
                        // only VALARM has a time-range rule inside another component (RFC 4791 §9.9)
                        if ("VALARM".equals(c.getName())
                                && TimeRanges.alarmOverlaps(c, pi, f.timeRange().start(), f.timeRange().end())) {
                            any = true;
                            break;
                        }
                    }
                }
                if (!any) continue;
            }
            if (!propsMatch(c, f.props())) continue;
            boolean all = true;
            for (CompFilter sub : f.comps()) if (!subMatches(c, null, sub)) { all = false; break; }
            if (all) return true;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static List<Component> subComponents(Component parent, String name) {
        if (parent instanceof net.fortuna.ical4j.model.ComponentContainer<?> cc) {
            return new ArrayList<>(((net.fortuna.ical4j.model.ComponentContainer<Component>) cc).getComponents(name));
        }
        return new ArrayList<>();
    }

    private static boolean propsMatch(Component c, List<PropFilter> filters) {
        for (PropFilter pf : filters) {
            if (!propMatches(c.getProperties(pf.name()), pf)) return false;
        }
        return true;
    }

    private static boolean propMatches(List<Property> props, PropFilter pf) {
        if (pf.isNotDefined()) return props.isEmpty();
        for (Property p : props) {
            if (pf.timeRange() != null) {
                Instant v;
                try {
                    v = p instanceof net.fortuna.ical4j.model.property.DateProperty<?> dp ? Temporals.toInstant(dp.getDate()) : null;
                } catch (RuntimeException e) {
                    v = null;
                }
                if (v == null) continue;
                TimeRange tr = pf.timeRange();
                if ((tr.start() != null && v.isBefore(tr.start())) || (tr.end() != null && !v.isBefore(tr.end()))) continue;
            }
            if (pf.textMatch() != null && !pf.textMatch().matches(p.getValue())) continue;
            boolean params = true;
            for (ParamFilter f : pf.params()) {
                java.util.Optional<Parameter> param = p.getParameter(f.name());
                if (f.isNotDefined()) { if (param.isPresent()) { params = false; break; } continue; }
                if (param.isEmpty() || (f.textMatch() != null && !f.textMatch().matches(param.get().getValue()))) {
                    params = false;
                    break;
                }
            }
            if (params) return true;
        }
        return false;
    }
}
