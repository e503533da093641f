package org.switchboard.dav.ical;

import java.time.Instant;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.FreeBusy;
import net.fortuna.ical4j.model.property.Trigger;

/**
 * RFC 4791 §9.9: when a component "overlaps" a time range [start, end). A null bound is open.
 * Overlap, not containment: an event that started before the range and ends inside it matches.
 */
public final class TimeRanges {
    private TimeRanges() {}

    /** {@code a < b} where a null {@code a} is -infinity (range start) and a null {@code b} is +infinity. */
    private static boolean lt(Instant a, Instant b) { return a == null || b == null || a.isBefore(b); }

    private static boolean le(Instant a, Instant b) { return a == null || b == null || !a.isAfter(b); }

    public static boolean overlaps(Instance i, Instant start, Instant end) {
        Component c = i.component();
        switch (c.getName()) {
            case "VEVENT", "VJOURNAL":
                return i.start() != null && overlapsSpan(i.start(), i.end(), start, end);
            case "VTODO":
                return todo(i, start, end);
            case "VFREEBUSY":
                return freeBusy(i, start, end);
            default:
                return false;
        }
    }

    /** The VEVENT rule: an instance from {@code s} to {@code e} ({@code e == s}: zero duration) overlaps [start, end). */
    public static boolean overlapsSpan(Instant s, Instant e, Instant start, Instant end) {
        if (e.isAfter(s)) return lt(start, e) && lt(s, end);
        // zero duration: (start <= DTSTART AND end > DTSTART)
        return le(start, s) && lt(s, end);
    }

    /** {@link #overlapsSpan(Instant, Instant, Instant, Instant)} in epoch seconds, both bounds set (expand's templates). */
    public static boolean overlapsSpan(long s, long e, long start, long end) {
        if (e > s) return start < e && s < end;
        return start <= s && s < end;
    }

    // RFC 4791 §9.9, the VTODO table, row by row
    private static boolean todo(Instance i, Instant start, Instant end) {
        Component c = i.component();
        Instant dtstart = i.start();
        boolean hasDuration = c.getProperty("DURATION").isPresent();
        Instant due = i.due();
        if (dtstart != null && hasDuration) {
            Instant se = i.end();
            return le(start, se) && (lt(dtstart, end) || le(se, end));
        }
        if (dtstart != null && due != null) {
            return (lt(start, due) || le(start, dtstart)) && (lt(dtstart, end) || le(due, end));
        }
        if (dtstart != null) return le(start, dtstart) && lt(dtstart, end);
        if (due != null) return lt(start, due) && le(due, end);
        Instant completed = Temporals.toInstant(ICalObject.date(c, "COMPLETED"));
        Instant created = Temporals.toInstant(ICalObject.date(c, "CREATED"));
        if (completed != null && created != null) {
            return (le(start, created) || le(start, completed)) && (le(created, end) || le(completed, end));
        }
        if (completed != null) return le(start, completed) && le(completed, end);
        if (created != null) return lt(created, end);
        return true;
    }

    private static boolean freeBusy(Instance i, Instant start, Instant end) {
        if (i.start() != null && i.end() != null && i.end().isAfter(i.start())) {
            return lt(start, i.end()) && lt(i.start(), end);
        }
        for (Property p : i.component().getProperties("FREEBUSY")) {
            for (org.threeten.extra.Interval per : ((FreeBusy) p).getIntervals()) {
                Instant s = per.getStart();
                Instant e = per.getEnd();
                if (lt(start, e) && lt(s, end)) return true;
            }
        }
        return false;
    }

    /** VALARM: (start <= trigger-time AND end > trigger-time) for any trigger or repetition. */
    public static boolean alarmOverlaps(Component alarm, Instance parent, Instant start, Instant end) {
        for (Instant t : triggers(alarm, parent)) {
            if (le(start, t) && lt(t, end)) return true;
        }
        return false;
    }

    static List<Instant> triggers(Component alarm, Instance parent) {
        List<Instant> out = new ArrayList<>();
        Optional<Property> tp = alarm.getProperty("TRIGGER");
        if (tp.isEmpty()) return out;
        Trigger trigger = (Trigger) tp.get();
        Instant first;
        if (trigger.isAbsolute()) {
            first = trigger.getDate();
        } else {
            Optional<Parameter> related = trigger.getParameter("RELATED");
            boolean fromEnd = related.isPresent() && "END".equalsIgnoreCase(related.get().getValue());
            Instant base = fromEnd ? (parent.due() != null ? parent.due() : parent.end()) : parent.start();
            if (base == null) base = parent.due();
            if (base == null) return out;
            first = Temporals.plus(base, trigger.getDuration());
        }
        out.add(first);
        Optional<Property> repeat = alarm.getProperty("REPEAT");
        Optional<Property> dur = alarm.getProperty("DURATION");
        if (repeat.isPresent() && dur.isPresent()) {
            int n = Math.min(1000, Integer.parseInt(repeat.get().getValue().trim()));
            TemporalAmount step = ((net.fortuna.ical4j.model.property.Duration) dur.get()).getDuration();
            Instant t = first;
            for (int k = 0; k < n; k++) {
                t = Temporals.plus(t, step);
                out.add(t);
            }
        }
        return out;
    }

    /** Conservative [low, high] bounds of an instance for the index; null means unbounded. */
    static Instant[] span(Instance i) {
        Component c = i.component();
        List<Instant> known = new ArrayList<>();
        if (i.start() != null) known.add(i.start());
        if (i.end() != null) known.add(i.end());
        if (i.due() != null) known.add(i.due());
        if ("VTODO".equals(c.getName()) && i.start() == null && i.due() == null) {
            Instant completed = Temporals.toInstant(ICalObject.date(c, "COMPLETED"));
            Instant created = Temporals.toInstant(ICalObject.date(c, "CREATED"));
            if (completed != null) known.add(completed);
            if (created != null) known.add(created);
            if (completed == null) return created == null ? new Instant[] {null, null} : new Instant[] {created, null};
        }
        if ("VFREEBUSY".equals(c.getName())) {
            for (Property p : c.getProperties("FREEBUSY")) {
                for (org.threeten.extra.Interval per : ((FreeBusy) p).getIntervals()) {
                    known.add(per.getStart());
                    known.add(per.getEnd());
                }
            }
        }
        if (known.isEmpty()) return new Instant[] {null, null};
        Instant lo = known.get(0);
        Instant hi = known.get(0);
        for (Instant k : known) {
            if (k.isBefore(lo)) lo = k;
            if (k.isAfter(hi)) hi = k;
        }
        return new Instant[] {lo, hi};
    }

    /** The instant of a DATE or DATE-TIME property value, for prop-filter time-range. */
    public static Instant valueOf(Component c, String name) {
        Temporal t = ICalObject.date(c, name);
        return t == null ? null : Temporals.toInstant(t);
    }
}
