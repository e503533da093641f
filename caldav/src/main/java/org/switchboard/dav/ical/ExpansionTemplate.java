package org.switchboard.dav.ical;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.fortuna.ical4j.model.Component;
import org.switchboard.dav.ical.ContentTree.Block;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.XmlOut;

/**
 * The {@code <C:calendar-data>} element of one VEVENT object expanded (RFC 4791 §9.6.5), prepared once per
 * ETag so that any range is written without ical4j or the text round trip (ADR 0020): the object's text cut
 * into fixed, already folded and XML-escaped pieces around the lines an instance changes (DTSTART,
 * RECURRENCE-ID, DTEND), and its instances (start, end, recurrence id, component) up to a horizon.
 *
 * <p>Why: a month nobody asked for before made the engine parse, expand, re-serialise and escape each of
 * its ~6,600 objects again although only three lines of each instance depend on the range.
 *
 * <p>It writes exactly what {@link CalendarDataShaper} writes for {@code expand} without {@code comp}; what it
 * cannot reproduce (other component types, a VEVENT with DUE, rules too dense to list, ranges ending past
 * the horizon) is left to the shaper: {@link #covers} says so.
 */
public final class ExpansionTemplate {
    /** Unbounded rules are listed this far ahead of the time the template is made. */
    public static final Duration HORIZON = Duration.ofDays(730);
    /** What a template costs besides its text: object headers, arrays, the cache's entry. */
    private static final int OVERHEAD = 200;
    private static final String CALENDAR_DATA_OPEN = new XmlOut().open(Ns.cal("calendar-data")).toFragment();
    private static final String CALENDAR_DATA_CLOSE = new XmlOut().close(Ns.cal("calendar-data")).toFragment();
    private static final String CRLF = XmlOut.escape("\r\n");
    private static final String END = XmlOut.escape("END:VCALENDAR\r\n") + CALENDAR_DATA_CLOSE;

    /** Cached for objects the template cannot write, so that they are not looked at again: covers nothing. */
    public static final ExpansionTemplate NONE = new ExpansionTemplate("", "", false, new Object[0][], new boolean[0], false,
            new long[0], new long[0], new long[0], new int[0], new boolean[0], new int[0], Instant.MIN);

    /** A line an instance writes itself; everything else of a component is fixed text. */
    private enum Slot {
        /** DTSTART, and RECURRENCE-ID when the object recurs. */
        START,
        DTEND,
        /** The DTEND of an event that had neither DTEND nor DURATION, when its instance has a length. */
        DTEND_IF_LONGER
    }

    private final String open;
    private final String timezones;
    private final boolean calendarNamesZone;
    /** Per component (in the order of {@link ICalObject#components}): escaped text pieces and {@link Slot}s. */
    private final Object[][] parts;
    private final boolean[] componentNamesZone;
    private final boolean recurring;
    // the instances sorted by start, times in epoch seconds; rank: the place of each in the shaper's order
    private final long[] starts;
    private final long[] ends;
    private final long[] recurrenceIds;
    private final int[] components;
    private final boolean[] dates;
    private final int[] ranks;
    /** The longest instance, in seconds: no instance starting earlier than this before a range overlaps it. */
    private final long longest;
    /** Every instance starting before it is listed; null: all are. */
    private final Instant coveredUntil;

    private ExpansionTemplate(String open, String timezones, boolean calendarNamesZone, Object[][] parts,
                              boolean[] componentNamesZone, boolean recurring, long[] starts, long[] ends,
                              long[] recurrenceIds, int[] components, boolean[] dates, int[] ranks, Instant coveredUntil) {
        this.open = open;
        this.timezones = timezones;
        this.calendarNamesZone = calendarNamesZone;
        this.parts = parts;
        this.componentNamesZone = componentNamesZone;
        this.recurring = recurring;
        this.starts = starts;
        this.ends = ends;
        this.recurrenceIds = recurrenceIds;
        this.components = components;
        this.dates = dates;
        this.ranks = ranks;
        long longest = 0;
        for (int k = 0; k < starts.length; k++) longest = Math.max(longest, ends[k] - starts[k]);
        this.longest = longest;
        this.coveredUntil = coveredUntil;
    }

    /** The template of {@code obj} with unbounded rules listed {@link #HORIZON} ahead of now; {@link #NONE} if it cannot have one. */
    public static ExpansionTemplate of(ICalObject obj, int maxInstances) {
        return of(obj, Instant.now().plus(HORIZON), maxInstances);
    }

    static ExpansionTemplate of(ICalObject obj, Instant horizon, int maxInstances) {
        if (!"VEVENT".equals(obj.componentType())) return NONE;
        ICalObject.Covered listed;
        try {
            listed = obj.instancesUntil(horizon, maxInstances);
        } catch (TooManyInstancesException e) {
            return NONE;
        }
        Block cal = ContentTree.parse(obj.text());
        List<Block> blocks = CalendarDataShaper.componentBlocks(cal);
        List<Component> comps = obj.components();
        if (blocks.size() != comps.size()) return NONE;
        Object[][] parts = new Object[blocks.size()][];
        boolean[] namesZone = new boolean[blocks.size()];
        for (int k = 0; k < blocks.size(); k++) {
            parts[k] = parts(blocks.get(k));
            if (parts[k] == null) return NONE;
            namesZone[k] = namesZone(parts[k]);
        }
        StringBuilder head = new StringBuilder("BEGIN:VCALENDAR\r\n");
        boolean calendarNamesZone = false;
        StringBuilder zones = new StringBuilder();
        for (Object o : cal.items()) {
            if (o instanceof String line) {
                ContentTree.fold(line, head);
                calendarNamesZone |= line.contains("TZID=");
            } else if ("VTIMEZONE".equals(((Block) o).name())) {
                zones.append(ContentTree.serialize((Block) o));
            }
        }
        List<Instance> all = new ArrayList<>();
        for (Instance i : listed.instances()) {
            if (i.start() == null) continue; // never overlaps a range (RFC 4791 §9.9)
            if (i.start().getNano() != 0 || i.end().getNano() != 0) return NONE;
            if (CalendarDataShaper.indexOf(comps, i.component()) >= 0) all.add(i);
        }
        int n = all.size();
        Integer[] byStart = new Integer[n];
        for (int k = 0; k < n; k++) byStart[k] = k;
        Arrays.sort(byStart, (a, b) -> all.get(a).start().compareTo(all.get(b).start()));
        long[] starts = new long[n];
        long[] ends = new long[n];
        long[] rids = new long[n];
        int[] components = new int[n];
        boolean[] dates = new boolean[n];
        int[] ranks = new int[n];
        for (int k = 0; k < n; k++) {
            ranks[k] = byStart[k];
            Instance i = all.get(byStart[k]);
            starts[k] = i.start().getEpochSecond();
            ends[k] = i.end().getEpochSecond();
            rids[k] = (i.recurrenceId() != null ? i.recurrenceId() : i.start()).getEpochSecond();
            components[k] = CalendarDataShaper.indexOf(comps, i.component());
            dates[k] = Temporals.isDate(i.startValue());
        }
        return new ExpansionTemplate(CALENDAR_DATA_OPEN + XmlOut.escape(head.toString()), XmlOut.escape(zones.toString()),
                calendarNamesZone, parts, namesZone, CalendarDataShaper.isRecurring(comps), starts, ends, rids, components,
                dates, ranks, listed.coveredUntil());
    }

    /**
     * A component's lines as the shaper's expand writes them for each instance: recurrence properties left
     * out, DTSTART and DTEND replaced; null when it has a DUE (the shaper moves it per instance).
     */
    private static Object[] parts(Block src) {
        List<Object> out = new ArrayList<>();
        StringBuilder fixed = new StringBuilder("BEGIN:").append(src.name()).append("\r\n");
        boolean hadEnd = false;
        boolean hasDuration = false;
        for (Object item : src.items()) {
            if (item instanceof Block b) {
                fixed.append(ContentTree.serialize(b));
                continue;
            }
            String line = (String) item;
            String name = ContentTree.name(line);
            if (CalendarDataShaper.RECURRENCE_PROPS.contains(name)) continue;
            if (name.equals("DUE")) return null;
            if (name.equals("DURATION")) hasDuration = true;
            if (name.equals("DTSTART") || name.equals("DTEND")) {
                out.add(XmlOut.escape(fixed.toString()));
                fixed.setLength(0);
                hadEnd |= name.equals("DTEND");
                out.add(name.equals("DTSTART") ? Slot.START : Slot.DTEND);
            } else {
                ContentTree.fold(line, fixed);
            }
        }
        if (!hadEnd && !hasDuration && "VEVENT".equals(src.name())) {
            out.add(XmlOut.escape(fixed.toString()));
            fixed.setLength(0);
            out.add(Slot.DTEND_IF_LONGER);
        }
        fixed.append("END:").append(src.name()).append("\r\n");
        out.add(XmlOut.escape(fixed.toString()));
        return out.toArray();
    }

    private static boolean namesZone(Object[] parts) {
        for (Object p : parts) if (p instanceof String s && s.contains("TZID=")) return true;
        return false;
    }

    /** Whether {@link #appendTo} writes the expansion over [start, end) (both set, as expand requires them). */
    public boolean covers(Instant start, Instant end) {
        if (this == NONE || start == null || end == null) return false;
        return coveredUntil == null || !end.isAfter(coveredUntil);
    }

    /** The calendar-data element expanded over [start, end), which {@link #covers} must cover. */
    public String element(Instant start, Instant end) {
        StringBuilder sb = new StringBuilder(open.length() + 512);
        appendTo(sb, start, end);
        return sb.toString();
    }

    /** The same element, written straight into the document that holds it. */
    public XmlOut.Fragment fragment(Instant start, Instant end) {
        return sb -> appendTo(sb, start, end);
    }

    private void appendTo(StringBuilder sb, Instant start, Instant end) {
        sb.append(open);
        boolean zone = calendarNamesZone;
        long from = start.getEpochSecond();
        long to = end.getEpochSecond();
        // a weekly event lists a hundred instances or more: look only at those starting in [from - longest, to)
        int lo = firstStartAtOrAfter(from - longest);
        int hi = firstStartAtOrAfter(to);
        int[] hits = new int[Math.max(0, hi - lo)];
        int n = 0;
        for (int k = lo; k < hi; k++) {
            if (TimeRanges.overlapsSpan(starts[k], ends[k], from, to)) hits[n++] = k;
        }
        if (!inRankOrder(hits, n)) {
            // an override moved before an instance of the rule, or a second master: the shaper's order
            Integer[] boxed = new Integer[n];
            for (int h = 0; h < n; h++) boxed[h] = hits[h];
            Arrays.sort(boxed, (a, b) -> Integer.compare(ranks[a], ranks[b]));
            for (int h = 0; h < n; h++) hits[h] = boxed[h];
        }
        UtcWriter utc = new UtcWriter();
        for (int h = 0; h < n; h++) {
            appendInstance(sb, utc, hits[h]);
            zone |= componentNamesZone[components[hits[h]]];
        }
        // other properties still name a zone: keep the definitions they refer to
        if (zone) sb.append(timezones);
        sb.append(END);
    }

    private boolean inRankOrder(int[] hits, int n) {
        for (int h = 1; h < n; h++) if (ranks[hits[h]] < ranks[hits[h - 1]]) return false;
        return true;
    }

    /** The first index whose start is at or after {@code t} (the length when none is). */
    private int firstStartAtOrAfter(long t) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void appendInstance(StringBuilder sb, UtcWriter utc, int k) {
        boolean date = dates[k];
        for (Object p : parts[components[k]]) {
            if (p instanceof String text) {
                sb.append(text);
            } else if (p == Slot.START) {
                time(sb, utc, "DTSTART", starts[k], date);
                if (recurring) time(sb, utc, "RECURRENCE-ID", recurrenceIds[k], date);
            } else if (p == Slot.DTEND || ends[k] > starts[k]) {
                time(sb, utc, "DTEND", ends[k], date);
            }
        }
    }

    private static void time(StringBuilder sb, UtcWriter utc, String name, long epochSecond, boolean date) {
        sb.append(name).append(date ? ";VALUE=DATE:" : ":");
        utc.append(sb, epochSecond, date);
        sb.append(CRLF);
    }

    /** What keeping it costs, in characters of text (the unit of the cache's bound). */
    public long weight() {
        long w = open.length() + timezones.length() + OVERHEAD + 34L * starts.length;
        for (Object[] ps : parts) for (Object p : ps) if (p instanceof String s) w += s.length();
        return w;
    }
}
