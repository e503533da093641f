package org.switchboard.dav.ical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.switchboard.dav.Ics;
import org.switchboard.dav.xml.Ns;
import org.switchboard.dav.xml.XmlOut;

/**
 * An expansion written from the template made once per ETag (ADR 0020) is, character for character, what the
 * shaper writes for {@code <C:expand>} by parsing and re-serialising the object (RFC 4791 §9.6.5).
 */
class ExpansionTemplateTest {
    static final int MAX = 50_000;
    static final Instant HORIZON = Instant.parse("2028-12-01T00:00:00Z");

    static ICalObject parse(String ics) throws Exception {
        return ICalObject.parse(ics.getBytes(StandardCharsets.UTF_8));
    }

    /** The shaper's element for expand over [start, end). */
    static String shaped(ICalObject obj, Instant start, Instant end) {
        CalendarDataRequest req = new CalendarDataRequest(null, start, end, true, null, null, false);
        return new XmlOut().element(Ns.cal("calendar-data"), CalendarDataShaper.shape(obj, req, MAX)).toFragment();
    }

    /** Asserts the template writes the shaper's element for each month from {@code from}, {@code months} of them. */
    static void sameAsShaper(String ics, String from, int months) throws Exception {
        ICalObject obj = parse(ics);
        ExpansionTemplate t = ExpansionTemplate.of(obj, HORIZON, MAX);
        Instant start = Instant.parse(from);
        for (int m = 0; m < months; m++, start = start.plus(30, ChronoUnit.DAYS)) {
            Instant end = start.plus(30, ChronoUnit.DAYS);
            assertTrue(t.covers(start, end), "covers " + start);
            assertEquals(shaped(obj, start, end), t.element(start, end), "expanded over " + start + " .. " + end);
        }
    }

    /** A calendar object around {@code components} (CRLF lines). */
    private static String calendar(String components) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + components + "END:VCALENDAR\r\n";
    }

    @Test
    void singleEventInUtcIsItsStoredLines() throws Exception {
        String ics = Ics.event("one@example.com", "20260610T090000Z", "20260610T100000Z", "Customer meeting", "LOCATION:Room 1");
        sameAsShaper(ics, "2026-06-01T00:00:00Z", 1);
        String element = ExpansionTemplate.of(parse(ics), HORIZON, MAX)
                .element(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"));
        assertTrue(element.contains("DTSTART:20260610T090000Z&#13;\nDTEND:20260610T100000Z&#13;\n"), element);
        assertFalse(element.contains("RECURRENCE-ID"), "a single event has no recurrence id");
        // a range it does not overlap: a calendar without the event, as the shaper writes it
        sameAsShaper(ics, "2026-07-01T00:00:00Z", 1);
    }

    @Test
    void zonedSingleEventBecomesUtcAndDropsItsZone() throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + Ics.BERLIN + "BEGIN:VEVENT\r\nUID:z@example.com\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260610T090000\r\nDTEND;TZID=Europe/Berlin:20260610T100000\r\n"
                + "SUMMARY:Zoned & <escaped> \"text\"\r\nDESCRIPTION:" + "A long line with non-ASCII é ü 漢字 ".repeat(5) + "\r\n"
                + "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        sameAsShaper(ics, "2026-05-20T00:00:00Z", 2);
        String element = ExpansionTemplate.of(parse(ics), HORIZON, MAX)
                .element(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"));
        assertTrue(element.contains("DTSTART:20260610T070000Z"), element);
        assertFalse(element.contains("VTIMEZONE"), "no property names the zone any more");
    }

    @Test
    void zoneKeptWhenAnotherPropertyNamesIt() throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + Ics.BERLIN + "BEGIN:VEVENT\r\nUID:z2@example.com\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260610T090000\r\nDTEND;TZID=Europe/Berlin:20260610T100000\r\n"
                + "X-ORIGINAL-START;TZID=Europe/Berlin:20260609T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        sameAsShaper(ics, "2026-06-01T00:00:00Z", 1);
        assertTrue(ExpansionTemplate.of(parse(ics), HORIZON, MAX)
                .element(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")).contains("BEGIN:VTIMEZONE"));
    }

    @Test
    void weeklyWithOverrideAndExdate() throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + Ics.BERLIN
                + "BEGIN:VEVENT\r\nUID:w@example.com\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Weekly pipeline review\r\n"
                + "DTSTART;TZID=Europe/Berlin:20260105T090000\r\nDTEND;TZID=Europe/Berlin:20260105T100000\r\n"
                + "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEXDATE;TZID=Europe/Berlin:20260615T090000\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:w@example.com\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Moved review\r\n"
                + "RECURRENCE-ID;TZID=Europe/Berlin:20260622T090000\r\nDTSTART;TZID=Europe/Berlin:20260623T140000\r\n"
                + "DTEND;TZID=Europe/Berlin:20260623T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        sameAsShaper(ics, "2026-01-01T00:00:00Z", 30);
        String june = ExpansionTemplate.of(parse(ics), HORIZON, MAX)
                .element(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"));
        assertFalse(june.contains("20260615T070000Z"), "the EXDATE is left out");
        assertTrue(june.contains("RECURRENCE-ID:20260622T070000Z&#13;\n"), june);
        assertTrue(june.contains("DTSTART:20260623T120000Z"), "the override replaces its instance: " + june);
        assertFalse(june.contains("RRULE") || june.contains("EXDATE"), june);
    }

    @Test
    void allDayWithoutEndAndRdates() throws Exception {
        String ics = calendar("BEGIN:VEVENT\r\nUID:d@example.com\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Holiday\r\n"
                + "DTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=MONTHLY;COUNT=12\r\nRDATE;VALUE=DATE:20260704\r\nEND:VEVENT\r\n");
        sameAsShaper(ics, "2025-12-15T00:00:00Z", 14);
    }

    @Test
    void durationAndZeroLength() throws Exception {
        sameAsShaper(Ics.event("dur@example.com", "20260610T090000Z", "20260610T090000Z", "Zero"), "2026-06-01T00:00:00Z", 1);
        String ics = calendar("BEGIN:VEVENT\r\nUID:d2@example.com\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20260601T090000Z\r\n"
                + "DURATION:PT90M\r\nRRULE:FREQ=DAILY;COUNT=40\r\nEND:VEVENT\r\n");
        sameAsShaper(ics, "2026-05-25T00:00:00Z", 3);
    }

    @Test
    void unboundedRuleIsCoveredUpToTheHorizonOnly() throws Exception {
        ICalObject obj = parse(Ics.weekly("u@example.com"));
        ExpansionTemplate t = ExpansionTemplate.of(obj, HORIZON, MAX);
        assertTrue(t.covers(HORIZON.minus(30, ChronoUnit.DAYS), HORIZON));
        assertFalse(t.covers(HORIZON.minus(29, ChronoUnit.DAYS), HORIZON.plus(1, ChronoUnit.DAYS)), "the shaper answers past the horizon");
        sameAsShaper(Ics.weekly("u@example.com"), "2025-01-01T00:00:00Z", 40);
    }

    @Test
    void otherComponentsAreLeftToTheShaper() throws Exception {
        String todo = calendar("BEGIN:VTODO\r\nUID:t@example.com\r\nDTSTAMP:20250101T000000Z\r\nDUE:20260610T090000Z\r\n"
                + "SUMMARY:Call back\r\nEND:VTODO\r\n");
        ExpansionTemplate t = ExpansionTemplate.of(parse(todo), HORIZON, MAX);
        assertSame(ExpansionTemplate.NONE, t);
        assertFalse(t.covers(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")));
    }
}
