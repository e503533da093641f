package org.switchboard.dav.ical;

import java.time.Instant;
import java.time.temporal.Temporal;
import net.fortuna.ical4j.model.Component;

/**
 * One occurrence of a component: the master at one recurrence, an overridden instance, or a
 * non-recurring component.
 *
 * @param component    the VEVENT/VTODO/VJOURNAL/VFREEBUSY it comes from (master or override)
 * @param startValue   the DTSTART of this occurrence as a temporal (keeps DATE vs DATE-TIME); null if none
 * @param start        its instant (null if the component has no DTSTART)
 * @param end          computed end: DTEND, DTSTART+DURATION, +P1D for a DATE, else = start
 * @param due          VTODO: DUE of this occurrence (null otherwise)
 * @param recurrenceId the RECURRENCE-ID instant for recurring sets, null for a single component
 */
public record Instance(Component component, Temporal startValue, Instant start, Instant end, Instant due,
                       Instant recurrenceId) {}
