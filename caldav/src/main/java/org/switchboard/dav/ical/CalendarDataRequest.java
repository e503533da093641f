package org.switchboard.dav.ical;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a client asked for in {@code <C:calendar-data>} (RFC 4791 §9.6).
 *
 * @param comp        the comp/prop selection, null for the whole object
 * @param expandStart non-null with {@code <C:expand>}: recurrences become separate instances in UTC
 * @param limitStart  non-null with {@code <C:limit-recurrence-set>}
 */
public record CalendarDataRequest(CompSelection comp, Instant expandStart, Instant expandEnd, boolean expand,
                                  Instant limitStart, Instant limitEnd, boolean limit) {

    public static final CalendarDataRequest ALL = new CalendarDataRequest(null, null, null, false, null, null, false);

    public boolean isVerbatim() { return comp == null && !expand && !limit; }

    /** {@code <C:comp name>} with {@code <C:allprop/>}/{@code <C:prop name>} and {@code <C:allcomp/>}/nested comps. */
    public record CompSelection(String name, boolean allProps, Set<String> props, boolean allComps,
                                List<CompSelection> comps) {}
}
