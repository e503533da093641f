package org.switchboard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import org.junit.jupiter.api.Test;
import org.switchboard.dav.ical.ICalObject;

class OccurrenceOverrideTest {
    private static final String WEEKLY = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//test//EN\r
            BEGIN:VTIMEZONE\r
            TZID:W. Europe Standard Time\r
            BEGIN:STANDARD\r
            DTSTART:16011028T030000\r
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
            TZOFFSETFROM:+0200\r
            TZOFFSETTO:+0100\r
            END:STANDARD\r
            BEGIN:DAYLIGHT\r
            DTSTART:16010325T020000\r
            RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
            TZOFFSETFROM:+0100\r
            TZOFFSETTO:+0200\r
            END:DAYLIGHT\r
            END:VTIMEZONE\r
            BEGIN:VEVENT\r
            UID:weekly-1\r
            DTSTAMP:20261201T080000Z\r
            DTSTART;TZID=W. Europe Standard Time:20261207T100000\r
            DTEND;TZID=W. Europe Standard Time:20261207T110000\r
            RRULE:FREQ=WEEKLY;COUNT=4\r
            EXDATE;TZID=W. Europe Standard Time:20261221T100000\r
            SUMMARY:Weekly review\r
            ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:hank@globex.example\r
            END:VEVENT\r
            END:VCALENDAR\r
            """;

    @Test
    void aNewOverrideIsTheSeriesMovedToTheOccurrenceInItsOwnTimeZone() throws Exception {
        ICalObject stored = ICalObject.parse(WEEKLY.getBytes(StandardCharsets.UTF_8));
        Calendar calendar = stored.calendar();
        Component master = calendar.getComponents("VEVENT").get(0);
        // 14 December 10:00 in Paris is 09:00 UTC
        Component override = OccurrenceOverride.create(stored, master, Instant.parse("2026-12-14T09:00:00Z")).orElseThrow();
        String text = override.toString().replace("\r\n ", "");
        assertThat(text).contains("RECURRENCE-ID;TZID=W. Europe Standard Time:20261214T100000")
                .contains("DTSTART;TZID=W. Europe Standard Time:20261214T100000")
                .contains("DTEND;TZID=W. Europe Standard Time:20261214T110000")
                .doesNotContain("RRULE").doesNotContain("EXDATE").contains("SUMMARY:Weekly review");

        // the calendar with the override added still reads as four minus one occurrences, the override in place of its instance
        calendar.add((net.fortuna.ical4j.model.component.CalendarComponent) override);
        ICalObject withOverride = ICalObject.parse(calendar.toString().getBytes(StandardCharsets.UTF_8));
        List<Instant> starts = new ArrayList<>();
        withOverride.instances(null, null, 100).forEach(i -> starts.add(i.start()));
        assertThat(starts).containsExactlyInAnyOrder(Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2026-12-14T09:00:00Z"),
                Instant.parse("2026-12-28T09:00:00Z"));
        assertThat(OccurrenceOverride.existing(withOverride.components(), Instant.parse("2026-12-14T09:00:00Z"))).isPresent();
    }

    @Test
    void noOverrideForATimeThatIsNoOccurrence() throws Exception {
        ICalObject stored = ICalObject.parse(WEEKLY.getBytes(StandardCharsets.UTF_8));
        Component master = stored.calendar().getComponents("VEVENT").get(0);
        assertThat(OccurrenceOverride.create(stored, master, Instant.parse("2026-12-15T09:00:00Z"))).as("not a Monday").isEmpty();
        assertThat(OccurrenceOverride.create(stored, master, Instant.parse("2026-12-21T09:00:00Z"))).as("excluded").isEmpty();
        assertThat(OccurrenceOverride.create(stored, master, Instant.parse("2027-01-04T09:00:00Z"))).as("after COUNT").isEmpty();
    }
}
