package org.switchboard.dav.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.dav.spi.ObjectIndex;

/** Parsing and indexing of what real clients write, time zones included. */
class ICalObjectTest {
    static ICalObject parse(String s) throws InvalidObjectException { return ICalObject.parse(s.getBytes(StandardCharsets.UTF_8)); }

    static String event(String dtstart, String dtend, String extra, String vtimezone) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + vtimezone + "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\n"
                + dtstart + "\r\n" + dtend + "\r\n" + extra + "END:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    @Test
    void outlookZoneNameWithItsVtimezone() throws Exception {
        String tz = "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
                + "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
                + "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
                + "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";
        ICalObject o = parse(event("DTSTART;TZID=W. Europe Standard Time:20260115T100000",
                "DTEND;TZID=W. Europe Standard Time:20260115T110000", "", tz));
        ObjectIndex ix = o.index(1000);
        assertEquals(Instant.parse("2026-01-15T09:00:00Z"), ix.firstStart());
        assertEquals(Instant.parse("2026-01-15T10:00:00Z"), ix.lastEnd());
    }

    @Test
    void ianaZoneWithoutVtimezone() throws Exception {
        ObjectIndex ix = parse(event("DTSTART;TZID=America/New_York:20260701T100000", "DTEND;TZID=America/New_York:20260701T110000", "", ""))
                .index(1000);
        assertEquals(Instant.parse("2026-07-01T14:00:00Z"), ix.firstStart());
    }

    @Test
    void unknownZoneDoesNotRejectTheEvent() throws Exception {
        ObjectIndex ix = parse(event("DTSTART;TZID=Mars/Olympus:20260701T100000", "DTEND;TZID=Mars/Olympus:20260701T110000", "", "")).index(1000);
        assertNotNull(ix.firstStart());
    }

    @Test
    void indexOfRules() throws Exception {
        assertNull(parse(event("DTSTART:20260105T100000Z", "DTEND:20260105T110000Z", "RRULE:FREQ=WEEKLY\r\n", "")).index(1000).lastEnd());
        assertEquals(Instant.parse("2026-01-19T11:00:00Z"),
                parse(event("DTSTART:20260105T100000Z", "DTEND:20260105T110000Z", "RRULE:FREQ=WEEKLY;COUNT=3\r\n", "")).index(1000).lastEnd());
        assertEquals(Instant.parse("2026-02-02T11:00:00Z"),
                parse(event("DTSTART:20260105T100000Z", "DTEND:20260105T110000Z", "RRULE:FREQ=WEEKLY;COUNT=3\r\nRDATE:20260202T100000Z\r\n", ""))
                        .index(1000).lastEnd());
        ObjectIndex allDay = parse(event("DTSTART;VALUE=DATE:20260105", "DTEND;VALUE=DATE:20260107", "", "")).index(1000);
        assertEquals(Instant.parse("2026-01-07T00:00:00Z"), allDay.lastEnd());
    }

    @Test
    void boundedExpansion() throws Exception {
        ICalObject o = parse(event("DTSTART:20000101T000000Z", "DTEND:20000101T000001Z", "RRULE:FREQ=SECONDLY\r\n", ""));
        assertThrows(TooManyInstancesException.class, () -> o.instances(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 1000));
        // a dense rule with a small COUNT is fine, long after it ended
        ICalObject c = parse(event("DTSTART:20000101T000000Z", "DTEND:20000101T000001Z", "RRULE:FREQ=SECONDLY;COUNT=10\r\n", ""));
        assertEquals(0, c.instances(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), 1000).stream()
                .filter(i -> TimeRanges.overlaps(i, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))).count());
        assertEquals(Instant.parse("2000-01-01T00:00:10Z"), c.index(1000).lastEnd());
        // a narrow window of a dense rule is fine
        ICalObject m = parse(event("DTSTART:20260101T000000Z", "DTEND:20260101T000001Z", "RRULE:FREQ=MINUTELY\r\n", ""));
        assertEquals(60, m.instances(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z"), 1000).size());
    }
}
