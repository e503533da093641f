package org.switchboard.dav.ical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.model.Component;
import org.switchboard.dav.ical.CalendarDataRequest.CompSelection;
import org.switchboard.dav.ical.ContentTree.Block;

/** Produces the text of {@code calendar-data}: verbatim, expanded, limited and/or partial (RFC 4791 §9.6). */
public final class CalendarDataShaper {
    static final Set<String> RECURRENCE_PROPS = Set.of("RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID");

    private CalendarDataShaper() {}

    public static String shape(ICalObject obj, CalendarDataRequest req, int maxInstances) {
        if (req.isVerbatim()) return obj.text();
        Block cal = ContentTree.parse(obj.text());
        if (req.expand()) cal = expand(obj, cal, req.expandStart(), req.expandEnd(), maxInstances);
        else if (req.limit()) cal = limit(obj, cal, req.limitStart(), req.limitEnd(), maxInstances);
        if (req.comp() != null) cal = select(cal, req.comp());
        return ContentTree.serialize(cal);
    }

    /** The top-level blocks other than VTIMEZONE, in the order ical4j lists the components. */
    static List<Block> componentBlocks(Block cal) {
        List<Block> out = new ArrayList<>();
        for (Block b : cal.blocks()) if (!"VTIMEZONE".equals(b.name())) out.add(b);
        return out;
    }

    // RFC 4791 §9.6.5: every instance overlapping the range becomes its own component, times in UTC,
    // RECURRENCE-ID set, no RRULE/RDATE/EXDATE.
    static Block expand(ICalObject obj, Block cal, Instant start, Instant end, int max) {
        List<Block> blocks = componentBlocks(cal);
        List<Component> comps = obj.components();
        boolean recurring = isRecurring(comps);
        Block out = new Block("VCALENDAR", new ArrayList<>());
        for (Object o : cal.items()) if (o instanceof String s) out.items().add(s);
        for (Instance i : obj.instances(start, end, max)) {
            if (!TimeRanges.overlaps(i, start, end)) continue;
            int idx = indexOf(comps, i.component());
            if (idx < 0 || idx >= blocks.size()) continue;
            Block src = blocks.get(idx);
            Block inst = new Block(src.name(), new ArrayList<>());
            boolean date = Temporals.isDate(i.startValue());
            boolean hadEnd = false;
            for (Object item : src.items()) {
                if (item instanceof Block b) { inst.items().add(b); continue; }
                String line = (String) item;
                String name = ContentTree.name(line);
                if (RECURRENCE_PROPS.contains(name)) continue;
                if (name.equals("DTSTART")) {
                    inst.items().add(time("DTSTART", i.start(), date));
                    if (recurring) inst.items().add(time("RECURRENCE-ID", i.recurrenceId() != null ? i.recurrenceId() : i.start(), date));
                } else if (name.equals("DTEND")) {
                    hadEnd = true;
                    inst.items().add(time("DTEND", i.end(), date));
                } else if (name.equals("DUE") && i.due() != null) {
                    inst.items().add(time("DUE", i.due(), date));
                } else {
                    inst.items().add(line);
                }
            }
            if (!hadEnd && src.lines().stream().noneMatch(l -> ContentTree.name(l).equals("DURATION"))
                    && "VEVENT".equals(src.name()) && i.end() != null && i.end().isAfter(i.start())) {
                inst.items().add(time("DTEND", i.end(), date));
            }
            out.items().add(inst);
        }
        if (mentions(out, "TZID=")) {
            // other properties still name a zone: keep the definitions they refer to
            for (Block b : cal.blocks()) if ("VTIMEZONE".equals(b.name())) out.items().add(b);
        }
        return out;
    }

    /** Whether expanded instances carry a RECURRENCE-ID: the object has a rule, RDATEs or overrides. */
    static boolean isRecurring(List<Component> comps) {
        for (Component c : comps) {
            if (!c.getProperties("RRULE").isEmpty() || !c.getProperties("RDATE").isEmpty()
                    || c.getProperty("RECURRENCE-ID").isPresent()) return true;
        }
        return false;
    }

    /** Whether a line of {@code b} or of its components contains {@code text} (without serialising it). */
    static boolean mentions(Block b, String text) {
        for (Object o : b.items()) {
            if (o instanceof Block c ? mentions(c, text) : ((String) o).contains(text)) return true;
        }
        return false;
    }

    static int indexOf(List<Component> comps, Component c) {
        for (int k = 0; k < comps.size(); k++) if (comps.get(k) == c) return k;
        return -1;
    }

    private static String time(String name, Instant t, boolean date) {
        return date ? name + ";VALUE=DATE:" + Temporals.formatDate(t) : name + ":" + Temporals.formatUtc(t);
    }

    // RFC 4791 §9.6.6: the master plus the overridden instances that overlap the range
    static Block limit(ICalObject obj, Block cal, Instant start, Instant end, int max) {
        List<Block> blocks = componentBlocks(cal);
        List<Component> comps = obj.components();
        List<Block> keep = new ArrayList<>();
        for (int k = 0; k < comps.size() && k < blocks.size(); k++) {
            Component c = comps.get(k);
            Instant rid = ICalObject.recurrenceIdOf(c);
            if (rid == null) { keep.add(blocks.get(k)); continue; }
            Instance i = ICalObject.single(c, rid);
            boolean ridIn = (start == null || !rid.isBefore(start)) && (end == null || rid.isBefore(end));
            if (ridIn || TimeRanges.overlaps(i, start, end)) keep.add(blocks.get(k));
        }
        Block out = new Block("VCALENDAR", new ArrayList<>());
        for (Object o : cal.items()) {
            if (o instanceof Block b && !"VTIMEZONE".equals(b.name()) && !keep.contains(b)) continue;
            out.items().add(o);
        }
        return out;
    }

    static Block select(Block b, CompSelection sel) {
        Block out = new Block(b.name(), new ArrayList<>());
        for (Object o : b.items()) {
            if (o instanceof String line) {
                if (sel.allProps() || sel.props().contains(ContentTree.name(line))) out.items().add(line);
            } else {
                Block c = (Block) o;
                if (sel.allComps()) { out.items().add(c); continue; }
                for (CompSelection cs : sel.comps()) {
                    if (cs.name().equalsIgnoreCase(c.name())) { out.items().add(select(c, cs)); break; }
                }
            }
        }
        return out;
    }
}
