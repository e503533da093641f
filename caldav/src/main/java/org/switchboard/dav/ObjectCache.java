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

    /**
     * One version of an object: its href and strong ETag. Written out rather than a record's generated
     * hashCode and equals: an expand looks up thousands per request, and the record's method handles were
     * 6 % of its samples (JFR, ADR 0022). The ETag is compared first: two objects rarely share one.
     */
    public static final class Version {
        private final String href;
        private final String etag;
        private final int hash;

        public Version(String href, String etag) {
            this.href = href;
            this.etag = etag;
            this.hash = 31 * href.hashCode() + etag.hashCode();
        }

        public String href() { return href; }

        public String etag() { return etag; }

        @Override
        public int hashCode() { return hash; }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Version v && v.hash == hash && v.etag.equals(etag) && v.href.equals(href);
        }

        @Override
        public String toString() { return href + " " + etag; }
    }

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
