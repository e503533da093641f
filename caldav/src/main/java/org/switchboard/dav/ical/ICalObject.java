package org.switchboard.dav.ical;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RDate;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.util.CompatibilityHints;
import org.switchboard.dav.spi.ObjectIndex;
import org.switchboard.dav.xml.Ns;

/**
 * A parsed calendar object resource (RFC 4791 §4.1): one UID, one component type, a master and/or
 * overridden instances, plus VTIMEZONEs. Immutable after parsing; safe to share between readers.
 */
public final class ICalObject {
    static {
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
    }

    private static final Set<String> TYPES = Set.of("VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY");

    private final Calendar calendar;
    private final String text;
    private final String componentType;
    private final String uid;
    private final List<Component> components;

    /** What the queries need from each component, read once: ical4j property lookups are not free. */
    private record Timing(Temporal start, Instant recurrenceId, boolean recurring, Instance single) {}

    private final Map<Component, Timing> timings = new IdentityHashMap<>();

    private ICalObject(Calendar calendar, String text, String componentType, String uid, List<Component> components) {
        this.calendar = calendar;
        this.text = text;
        this.componentType = componentType;
        this.uid = uid;
        this.components = components;
        for (Component c : components) {
            Temporal s = date(c, "DTSTART");
            Instant rid = recurrenceIdOf(c);
            boolean recurring = s != null && rid == null
                    && (!c.getProperties("RRULE").isEmpty() || !c.getProperties("RDATE").isEmpty());
            timings.put(c, new Timing(s, rid, recurring, single(c, rid)));
        }
    }

    /** Parses and checks the RFC 4791 §4.1 rules; the failure names the precondition to report. */
    public static ICalObject parse(byte[] data) throws InvalidObjectException {
        String text = new String(data, StandardCharsets.UTF_8);
        Calendar cal;
        try {
            cal = new CalendarBuilder().build(new StringReader(text));
        } catch (Exception | StackOverflowError e) {
            throw new InvalidObjectException(Ns.cal("valid-calendar-data"), "unparseable iCalendar: " + e.getMessage());
        }
        List<Component> comps = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        Set<String> uids = new LinkedHashSet<>();
        for (CalendarComponent c : cal.<CalendarComponent>getComponents()) {
            if ("VTIMEZONE".equals(c.getName())) continue;
            comps.add(c);
            types.add(c.getName());
            Optional<Property> uid = c.getProperty("UID");
            if (uid.isEmpty() || uid.get().getValue().isBlank()) {
                throw new InvalidObjectException(Ns.cal("valid-calendar-data"), c.getName() + " without UID");
            }
            uids.add(uid.get().getValue());
        }
        if (comps.isEmpty()) {
            throw new InvalidObjectException(Ns.cal("valid-calendar-object-resource"), "no VEVENT, VTODO, VJOURNAL or VFREEBUSY");
        }
        // RFC 4791 §4.1: one component type and one UID per resource
        if (types.size() > 1) {
            throw new InvalidObjectException(Ns.cal("valid-calendar-object-resource"), "mixed component types " + types);
        }
        if (uids.size() > 1) {
            throw new InvalidObjectException(Ns.cal("valid-calendar-object-resource"), "more than one UID " + uids);
        }
        String type = types.iterator().next();
        try {
            for (Component c : comps) {
                date(c, "DTSTART");
                date(c, "DTEND");
                date(c, "DUE");
                date(c, "RECURRENCE-ID");
                for (Property p : c.getProperties("RRULE")) ((RRule<?>) p).getRecur();
            }
        } catch (RuntimeException e) {
            throw new InvalidObjectException(Ns.cal("valid-calendar-data"), "bad date or rule: " + e.getMessage());
        }
        return new ICalObject(cal, text, type, uids.iterator().next(), List.copyOf(comps));
    }

    public Calendar calendar() { return calendar; }
    public String text() { return text; }
    public String componentType() { return componentType; }
    public boolean isKnownType() { return TYPES.contains(componentType); }
    public String uid() { return uid; }
    public List<Component> components() { return components; }

    /** The index for the backend; a rule that cannot be fully expanded counts as unbounded. */
    public ObjectIndex index(int maxInstances) {
        Instant first = null;
        Instant last = null;
        boolean unboundedLow = false;
        boolean unboundedHigh = false;
        List<Instance> all;
        try {
            if (hasInfiniteRule()) {
                unboundedHigh = true;
                all = new ArrayList<>();
                for (Component c : components) all.add(single(c, recurrenceIdOf(c)));
            } else {
                all = instances(null, null, maxInstances);
            }
        } catch (TooManyInstancesException e) {
            unboundedHigh = true;
            all = new ArrayList<>();
            for (Component c : components) all.add(single(c, recurrenceIdOf(c)));
        }
        for (Instance i : all) {
            Instant[] span = TimeRanges.span(i);
            if (span[0] == null) unboundedLow = true;
            else if (first == null || span[0].isBefore(first)) first = span[0];
            if (span[1] == null) unboundedHigh = true;
            else if (last == null || span[1].isAfter(last)) last = span[1];
        }
        if (unboundedLow) return new ObjectIndex(componentType, uid, null, null);
        return new ObjectIndex(componentType, uid, first, unboundedHigh ? null : last);
    }

    /**
     * The VEVENT instances an occurrence index keeps for this object ({@link org.switchboard.dav.spi.OccurrenceSupport}):
     * every instance when the recurrence set is finite and small, else those starting before {@code horizon},
     * at most {@code maxRows} (the earliest). Other component types have none (the index is about VEVENTs).
     *
     * @return the instances, and {@code coveredUntil}: null when they are all listed, else the instant before
     *         which every instance start is listed ({@link Instant#MIN} when the object is too dense to index)
     */
    public Occurrences occurrences(Instant horizon, int maxRows, int maxInstances) {
        if (!"VEVENT".equals(componentType)) return new Occurrences(List.of(), null);
        Covered listed;
        try {
            listed = instancesUntil(horizon, maxInstances);
        } catch (TooManyInstancesException e) {
            return new Occurrences(List.of(), Instant.MIN);
        }
        Instant covered = listed.coveredUntil();
        List<Instance> timed = new ArrayList<>();
        for (Instance i : listed.instances()) if (i.start() != null && i.end() != null) timed.add(i);
        timed.sort((a, b) -> a.start().compareTo(b.start()));
        if (timed.size() > maxRows) {
            Instant next = timed.get(maxRows).start();
            covered = covered == null || next.isBefore(covered) ? next : covered;
            timed = timed.subList(0, maxRows);
        }
        List<org.switchboard.dav.spi.OccurrenceSupport.Occurrence> rows = new ArrayList<>(timed.size());
        for (Instance i : timed) {
            rows.add(new org.switchboard.dav.spi.OccurrenceSupport.Occurrence(i.start(), i.end(), busy(i.component())));
        }
        return new Occurrences(rows, covered);
    }

    /**
     * Every instance when the recurrence set is finite and small, else those starting before {@code horizon}
     * (in the order of {@link #instances}).
     *
     * @return the instances, and {@code coveredUntil}: null when they are all listed, else {@code horizon}
     * @throws TooManyInstancesException if even the instances before {@code horizon} are more than {@code max}
     */
    public Covered instancesUntil(Instant horizon, int max) {
        if (!hasInfiniteRule()) {
            try {
                return new Covered(instances(null, null, max), null);
            } catch (TooManyInstancesException e) {
                // a finite rule too long to list whole: list it up to the horizon like an unbounded one
            }
        }
        return new Covered(instances(null, horizon, max), horizon);
    }

    /** See {@link #instancesUntil}. */
    public record Covered(List<Instance> instances, Instant coveredUntil) {}

    /** See {@link #occurrences}. */
    public record Occurrences(List<org.switchboard.dav.spi.OccurrenceSupport.Occurrence> rows, Instant coveredUntil) {}

    /** RFC 4791 §7.10 as free-busy-query applies it: transparent or cancelled is free, tentative is tentative. */
    public static org.switchboard.dav.spi.OccurrenceSupport.Busy busy(Component c) {
        String transp = c.getProperty("TRANSP").map(Property::getValue).orElse(null);
        String status = c.getProperty("STATUS").map(Property::getValue).orElse(null);
        if ("TRANSPARENT".equalsIgnoreCase(transp) || "CANCELLED".equalsIgnoreCase(status)) {
            return org.switchboard.dav.spi.OccurrenceSupport.Busy.FREE;
        }
        return "TENTATIVE".equalsIgnoreCase(status) ? org.switchboard.dav.spi.OccurrenceSupport.Busy.TENTATIVE
                : org.switchboard.dav.spi.OccurrenceSupport.Busy.BUSY;
    }

    private boolean hasInfiniteRule() {
        for (Component c : components) {
            for (Property p : c.getProperties("RRULE")) {
                Recur<?> r = ((RRule<?>) p).getRecur();
                if (r.getCount() < 1 && r.getUntil() == null) return true;
            }
        }
        return false;
    }

    /**
     * The occurrences that may touch [from, to) (null: open), overrides replacing the instances they
     * override (RFC 5545 §3.8.4.4), EXDATEs removed, RDATEs added. Callers apply the exact §9.9 test.
     *
     * @throws TooManyInstancesException if more than {@code max} instances would be produced
     */
    public List<Instance> instances(Instant from, Instant to, int max) {
        // an open-ended range ("from now on") looks ten years ahead
        if (from != null && to == null) to = from.plus(3650, ChronoUnit.DAYS);
        Component master = null;
        Map<Instant, Component> overrides = new LinkedHashMap<>();
        List<Instance> out = new ArrayList<>();
        for (Component c : components) {
            Instant rid = timings.get(c).recurrenceId();
            if (rid != null) overrides.put(rid, c);
            else if (master == null) master = c;
            else out.add(timings.get(c).single());
        }
        if (master != null) {
            Timing t = timings.get(master);
            if (!t.recurring()) {
                out.add(t.single());
            } else {
                expandMaster(master, t.start(), from, to, max, overrides.keySet(), out);
            }
        }
        for (Component c : overrides.values()) out.add(timings.get(c).single());
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void expandMaster(Component master, Temporal s, Instant from, Instant to, int max,
                              Set<Instant> overridden, List<Instance> out) {
        Expansion memo = expansion;
        TemporalAmount length = memo != null ? memo.length() : length(master, s);
        Duration dueOffset = memo != null ? memo.dueOffset() : null;
        if (memo == null) {
            Temporal due = date(master, "DUE");
            if (due != null) dueOffset = Duration.between(Temporals.toInstant(s), Temporals.toInstant(due));
        }
        Instant seed = Temporals.toInstant(s);
        Duration approxLength = Duration.between(seed, Temporals.plus(s, length));
        // a long instance that started before the range still overlaps it: widen the window by its length
        Instant lo = from == null ? seed : from.minus(approxLength).minus(1, ChronoUnit.DAYS);
        if (lo.isBefore(seed)) lo = seed;
        NavigableMap<Instant, Temporal> starts;
        if (to != null && memo != null && !to.isAfter(memo.horizon())) {
            starts = memo.starts().subMap(lo, true, to, false);
        } else {
            // expand from DTSTART once up to a horizon past the request, and keep it with the parsed object:
            // the next query for a nearby range costs a map lookup instead of re-running the rule
            Instant horizon = to == null ? null : later(to, Instant.now()).plus(730, ChronoUnit.DAYS);
            TreeMap<Instant, Temporal> all;
            try {
                all = startsUntil(master, s, seed, seed, horizon, max);
                if (horizon != null) {
                    expansion = new Expansion(Collections.unmodifiableNavigableMap(all), horizon, length, dueOffset);
                }
            } catch (TooManyInstancesException e) {
                if (to == null) throw e;
                all = startsUntil(master, s, seed, lo, to, max); // too dense to keep: expand just the window
            }
            starts = to == null ? all : all.subMap(lo, true, to, false);
        }
        if (starts.size() > max) throw new TooManyInstancesException("more than " + max + " instances");
        for (Map.Entry<Instant, Temporal> e : starts.entrySet()) {
            if (overridden.contains(e.getKey())) continue;
            Temporal st = e.getValue();
            Instant end = Temporals.plus(st, length);
            Instant dueI = dueOffset == null ? null : e.getKey().plus(dueOffset);
            out.add(new Instance(master, st, e.getKey(), end, dueI, e.getKey()));
        }
    }

    private record Expansion(NavigableMap<Instant, Temporal> starts, Instant horizon, TemporalAmount length,
                             Duration dueOffset) {}

    private volatile Expansion expansion;

    private static Instant later(Instant a, Instant b) { return a.isAfter(b) ? a : b; }

    /** Every start of the master's recurrence set before {@code hi} (null: the rule must be finite). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TreeMap<Instant, Temporal> startsUntil(Component master, Temporal s, Instant seed, Instant lo, Instant hi,
                                                          int max) {
        TreeMap<Instant, Temporal> starts = new TreeMap<>();
        if (hi == null || seed.isBefore(hi)) starts.put(seed, s);
        for (Property p : master.getProperties("RRULE")) {
            Recur recur = ((RRule) p).getRecur();
            Instant end = hi;
            if (end == null) {
                Temporal until = recur.getUntil();
                end = until != null ? Temporals.toInstant(until).plusSeconds(1) : null;
            }
            if (end == null && recur.getCount() < 1) throw new TooManyInstancesException("unbounded RRULE");
            guard(recur, seed, end, max);
            Temporal hiT = Temporals.like(end != null ? end : Instant.parse("9999-12-31T00:00:00Z"), s);
            List<Temporal> dates = recur.getDates(s, Temporals.like(lo, s), hiT, max + 1);
            if (dates.size() > max) throw new TooManyInstancesException("RRULE expands to more than " + max + " instances");
            for (Temporal d : dates) {
                Instant i = Temporals.toInstant(d);
                if (hi == null || i.isBefore(hi)) starts.put(i, d);
            }
        }
        for (Property p : master.getProperties("RDATE")) {
            RDate<?> rd = (RDate<?>) p;
            Optional<? extends Set<? extends Period<?>>> periods = rd.getPeriods();
            if (periods.isPresent() && !periods.get().isEmpty()) {
                for (Period<?> per : periods.get()) starts.put(Temporals.toInstant(per.getStart()), per.getStart());
            } else {
                for (Temporal d : rd.getDates()) starts.put(Temporals.toInstant(d), d);
            }
        }
        for (Property p : master.getProperties("EXDATE")) {
            for (Object d : ((DateListProperty<?>) p).getDates()) starts.remove(Temporals.toInstant((Temporal) d));
        }
        if (starts.size() > max) throw new TooManyInstancesException("more than " + max + " instances");
        return starts;
    }

    /** Refuses rules whose iteration from DTSTART to {@code hi} would be unreasonably long. */
    private static void guard(Recur<?> recur, Instant seed, Instant hi, int max) {
        if (recur.getCount() > 0) {
            if (recur.getCount() > max && hi == null) throw new TooManyInstancesException("COUNT above " + max);
            if (hi == null) return;
        }
        long unit = switch (recur.getFrequency()) {
            case SECONDLY -> 1;
            case MINUTELY -> 60;
            case HOURLY -> 3600;
            case DAILY -> 86_400;
            case WEEKLY -> 604_800;
            case MONTHLY -> 2_629_800;
            default -> 31_557_600;
        };
        long interval = Math.max(1, recur.getInterval());
        long iterations = Math.max(0, Duration.between(seed, hi).getSeconds()) / unit / interval;
        if (recur.getCount() > 0) iterations = Math.min(iterations, recur.getCount()); // COUNT stops the iteration
        if (iterations > (long) max * 20) {
            throw new TooManyInstancesException("RRULE " + recur + " needs about " + iterations + " iterations");
        }
    }

    /** DTEND - DTSTART, or DURATION, or one day for a DATE, or zero (RFC 5545 §3.6.1). */
    static TemporalAmount length(Component c, Temporal s) {
        Temporal end = date(c, "DTEND");
        if (end != null) {
            if (Temporals.isDate(s) && Temporals.isDate(end)) {
                return java.time.Period.ofDays((int) ChronoUnit.DAYS.between(s, end));
            }
            return Duration.between(Temporals.toInstant(s), Temporals.toInstant(end));
        }
        Optional<Property> dur = c.getProperty("DURATION");
        if (dur.isPresent()) return ((net.fortuna.ical4j.model.property.Duration) dur.get()).getDuration();
        if ("VEVENT".equals(c.getName()) && Temporals.isDate(s)) return java.time.Period.ofDays(1);
        if ("VJOURNAL".equals(c.getName()) && Temporals.isDate(s)) return java.time.Period.ofDays(1);
        return Duration.ZERO;
    }

    static Instance single(Component c, Instant recurrenceId) {
        Temporal s = date(c, "DTSTART");
        Instant due = Temporals.toInstant(date(c, "DUE"));
        if (s == null) return new Instance(c, null, null, null, due, recurrenceId);
        Instant end = Temporals.plus(s, length(c, s));
        return new Instance(c, s, Temporals.toInstant(s), end, due, recurrenceId);
    }

    /** The instant of the component's RECURRENCE-ID; null for a master or a single event. */
    public static Instant recurrenceIdOf(Component c) { return Temporals.toInstant(date(c, "RECURRENCE-ID")); }

    /** The value of a DATE or DATE-TIME property, or null. */
    public static Temporal date(Component c, String name) {
        Optional<Property> p = c.getProperty(name);
        if (p.isEmpty()) return null;
        if (p.get() instanceof DateProperty<?> dp) return dp.getDate();
        return null;
    }
}
