package org.switchboard.dav;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.switchboard.dav.ical.ExpansionTemplate;

/**
 * Parsed objects keyed by collection href, name and ETag: a strong ETag changes with the content,
 * so an entry never goes stale, it only stops being asked for. Bounded by dropping everything when full.
 * It also holds the {@link CalendarDataCache} of shaped calendar-data, keyed the same way (ADR 0019), and
 * the {@link ExpansionTemplate}s of calendar objects, per href and ETag (ADR 0020).
 */
public final class ObjectCache {
    /** Bound of the shaped calendar-data in characters: about four month views of a 100,000-event calendar. */
    static final long CALENDAR_DATA_CHARS = 16L << 20;
    /**
     * Bound of the expansion templates in characters (about 600 per single event, 5,000 per weekly one listed
     * over three years): a month of a 100,000-event calendar with 5,000 weekly events weighs about 28 Mi,
     * so this keeps that and a few months more. Unlike the parsed objects they are not all dropped at once:
     * a sliding range keeps finding the templates it used the day before.
     */
    static final long EXPANSION_CHARS = 64L << 20;

    /** One version of an object: its href and strong ETag. */
    public record Version(String href, String etag) {}

    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
    private final int capacity;
    private final CalendarDataCache calendarData;
    private final WeighedLru<Version, ExpansionTemplate> expansions = new WeighedLru<>(EXPANSION_CHARS,
            (v, t) -> v.href().length() + v.etag().length() + t.weight());

    public ObjectCache(int capacity) { this(capacity, CALENDAR_DATA_CHARS); }

    public ObjectCache(int capacity, long calendarDataChars) {
        this.capacity = capacity;
        this.calendarData = new CalendarDataCache(calendarDataChars);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> parse) {
        Object v = map.get(key);
        if (v != null) return (T) v;
        T t = parse.get();
        if (t != null) {
            if (map.size() >= capacity) map.clear();
            map.put(key, t);
        }
        return t;
    }

    public CalendarDataCache calendarData() { return calendarData; }

    public WeighedLru<Version, ExpansionTemplate> expansions() { return expansions; }
}
