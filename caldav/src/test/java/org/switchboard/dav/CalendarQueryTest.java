package org.switchboard.dav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** calendar-query (RFC 4791 §7.8): time ranges with overlap over recurrences, text and param filters, calendar-data shapes. */
class CalendarQueryTest {
    static DavTestServer server;
    static final String CAL = "/alice/calendar/";

    @BeforeAll
    static void start() throws Exception {
        server = DavTestServer.standard();
        put("weekly.ics", Ics.weekly("weekly@example.com"));
        put("single.ics", Ics.event("single@example.com", "20261104T140000Z", "20261104T150000Z", "Demo at ACME",
                "LOCATION:ACME HQ", "ATTENDEE;PARTSTAT=NEEDS-ACTION;CN=Carol:mailto:carol@acme.example"));
        put("long.ics", Ics.event("long@example.com", "20261025T080000Z", "20261103T080000Z", "Trade fair"));
        put("exdate.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:exdate@example.com\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART:20260105T120000Z\r\nDTEND:20260105T130000Z\r\nSUMMARY:Lunch\r\n"
                + "RRULE:FREQ=WEEKLY;COUNT=20\r\nEXDATE:20260302T120000Z\r\nRDATE:20260306T120000Z\r\nEND:VEVENT\r\n"
                + "END:VCALENDAR\r\n");
        put("override.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:ovr@example.com\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART:20260105T160000Z\r\nDTEND:20260105T170000Z\r\nSUMMARY:Standup\r\n"
                + "RRULE:FREQ=WEEKLY;UNTIL=20260601T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:ovr@example.com\r\n"
                + "DTSTAMP:20260101T000000Z\r\nRECURRENCE-ID:20260302T160000Z\r\nDTSTART:20260304T160000Z\r\n"
                + "DTEND:20260304T170000Z\r\nSUMMARY:Standup (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        put("allday.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:allday@example.com\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260415\r\nSUMMARY:Company holiday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        put("alarm.ics", Ics.event("alarm@example.com", "20260601T100000Z", "20260601T110000Z", "Call with Dave",
                "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\nEND:VALARM"));
        put("alarm-weekly.ics", Ics.event("alarmw@example.com", "20250106T070000Z", "20250106T080000Z", "Weekly with alarm",
                "RRULE:FREQ=WEEKLY", "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER;RELATED=END:PT5M\r\nEND:VALARM"));
        put("todo.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nUID:todo@example.com\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDUE:20261105T170000Z\r\nSUMMARY:Send the pipeline offer\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
    }

    static void put(String name, String ics) {
        HttpResponse<String> r = server.put(CAL + name, ics);
        assertEquals(201, r.statusCode(), name + ": " + r.body());
    }

    @AfterAll
    static void stop() throws Exception { server.close(); }

    static String query(String props, String filter) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + "<D:prop>" + props + "</D:prop><C:filter><C:comp-filter name=\"VCALENDAR\">" + filter
                + "</C:comp-filter></C:filter></C:calendar-query>";
    }

    static String range(String comp, String start, String end) {
        return "<C:comp-filter name=\"" + comp + "\"><C:time-range start=\"" + start + "\" end=\"" + end + "\"/></C:comp-filter>";
    }

    static Ms report(String body) {
        HttpResponse<String> r = server.alice("REPORT", CAL, body, "Depth", "1", "Content-Type", "application/xml; charset=utf-8");
        assertEquals(207, r.statusCode(), r.body());
        return Ms.parse(r.body());
    }

    static Set<String> names(Ms ms) {
        Set<String> out = new TreeSet<>();
        for (String h : ms.responses().keySet()) out.add(h.substring(CAL.length()));
        return out;
    }

    static Set<String> events(String start, String end) {
        return names(report(query("<D:getetag/>", range("VEVENT", start, end))));
    }

    @Test
    void weeklyEventThatStartedLongBeforeIsFound() {
        // Monday 2 November 2026, 09:00 Berlin = 08:00Z; the rule started in January 2025
        assertTrue(events("20261102T000000Z", "20261103T000000Z").contains("weekly.ics"));
        assertTrue(events("20261102T075959Z", "20261102T080001Z").contains("weekly.ics"));
        assertFalse(events("20261103T000000Z", "20261109T000000Z").contains("weekly.ics"), "no Monday in Tue..Sun");
        assertFalse(events("20241201T000000Z", "20250106T000000Z").contains("weekly.ics"), "not before DTSTART");
    }

    @Test
    void overlapNotContainment() {
        // RFC 4791 §9.9: the trade fair started before the range and ends inside it
        Set<String> n = events("20261101T000000Z", "20261108T000000Z");
        assertTrue(n.containsAll(Set.of("long.ics", "single.ics", "weekly.ics")), n.toString());
        assertFalse(n.contains("allday.ics"));
        // end is exclusive: an event ending exactly at the range start does not overlap
        assertFalse(events("20261104T150000Z", "20261104T160000Z").contains("single.ics"));
        assertTrue(events("20261104T145959Z", "20261104T160000Z").contains("single.ics"));
    }

    @Test
    void exdateRdateAndOverrides() {
        assertFalse(events("20260302T000000Z", "20260303T000000Z").contains("exdate.ics"), "EXDATE removes 2 March");
        assertTrue(events("20260309T000000Z", "20260310T000000Z").contains("exdate.ics"));
        assertTrue(events("20260306T000000Z", "20260307T000000Z").contains("exdate.ics"), "RDATE adds 6 March");
        assertFalse(events("20260302T000000Z", "20260303T000000Z").contains("override.ics"), "instance moved away");
        assertTrue(events("20260304T000000Z", "20260305T000000Z").contains("override.ics"), "moved here");
        assertFalse(events("20260601T000000Z", "20260701T000000Z").contains("override.ics"), "after UNTIL");
        assertFalse(events("20260601T000000Z", "20260701T000000Z").contains("exdate.ics"), "after COUNT=20");
    }

    @Test
    void allDayEventCoversItsDay() {
        assertTrue(events("20260415T120000Z", "20260415T130000Z").contains("allday.ics"));
        assertFalse(events("20260416T000000Z", "20260417T000000Z").contains("allday.ics"));
    }

    @Test
    void todoByDue() {
        Set<String> n = names(report(query("<D:getetag/>", range("VTODO", "20261105T000000Z", "20261106T000000Z"))));
        assertEquals(Set.of("todo.ics"), n);
        assertTrue(names(report(query("<D:getetag/>", range("VTODO", "20261106T000000Z", "20261107T000000Z")))).isEmpty());
    }

    @Test
    void alarmTimeRange() {
        String f = "<C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\"><C:time-range start=\"%s\" end=\"%s\"/></C:comp-filter></C:comp-filter>";
        assertEquals(Set.of("alarm.ics"), names(report(query("<D:getetag/>", String.format(f, "20260601T094000Z", "20260601T095000Z")))));
        assertTrue(names(report(query("<D:getetag/>", String.format(f, "20260601T090000Z", "20260601T093000Z")))).isEmpty());
        // an alarm of a weekly event that started in 2025, relative to the end: Monday 2 November 2026 08:05Z
        assertEquals(Set.of("alarm-weekly.ics"), names(report(query("<D:getetag/>", String.format(f, "20261102T080000Z", "20261102T081000Z")))));
        assertTrue(names(report(query("<D:getetag/>", String.format(f, "20261103T080000Z", "20261103T081000Z")))).isEmpty());
    }

    @Test
    void textMatchWithCollationsAndNegation() {
        String f = "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\"><C:text-match%s>%s</C:text-match></C:prop-filter></C:comp-filter>";
        assertEquals(Set.of("weekly.ics"), names(report(query("<D:getetag/>", String.format(f, "", "PIPELINE")))));
        assertEquals(Set.of("weekly.ics"), names(report(query("<D:getetag/>", String.format(f, " collation=\"i;unicode-casemap\"", "pipeline")))));
        assertTrue(names(report(query("<D:getetag/>", String.format(f, " collation=\"i;octet\"", "PIPELINE")))).isEmpty());
        assertEquals(Set.of("weekly.ics"), names(report(query("<D:getetag/>", String.format(f, " collation=\"i;octet\"", "pipeline")))));
        Set<String> neg = names(report(query("<D:getetag/>", String.format(f, " negate-condition=\"yes\"", "pipeline"))));
        assertFalse(neg.contains("weekly.ics"));
        assertTrue(neg.contains("single.ics"));
        HttpResponse<String> r = server.alice("REPORT", CAL, query("<D:getetag/>", String.format(f, " collation=\"i;klingon\"", "x")), "Depth", "1");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("supported-collation"));
    }

    @Test
    void isNotDefinedAndParamFilter() {
        Set<String> withLocation = names(report(query("<D:getetag/>",
                "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"LOCATION\"/></C:comp-filter>")));
        assertEquals(Set.of("single.ics"), withLocation);
        Set<String> without = names(report(query("<D:getetag/>",
                "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"LOCATION\"><C:is-not-defined/></C:prop-filter></C:comp-filter>")));
        assertFalse(without.contains("single.ics"));
        assertTrue(without.contains("weekly.ics"));
        Set<String> needsAction = names(report(query("<D:getetag/>",
                "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"ATTENDEE\"><C:param-filter name=\"PARTSTAT\">"
                        + "<C:text-match>NEEDS-ACTION</C:text-match></C:param-filter></C:prop-filter></C:comp-filter>")));
        assertEquals(Set.of("single.ics"), needsAction);
        Set<String> noTodo = names(report(query("<D:getetag/>", "<C:comp-filter name=\"VTODO\"><C:is-not-defined/></C:comp-filter>")));
        assertFalse(noTodo.contains("todo.ics"));
        assertTrue(noTodo.contains("single.ics"));
    }

    @Test
    void typeOnlyQueryListsByComponent() {
        // DAVx5 lists a calendar's events this way before multiget
        Set<String> ev = names(report(query("<D:getetag/>", "<C:comp-filter name=\"VEVENT\"/>")));
        assertTrue(ev.containsAll(Set.of("weekly.ics", "single.ics", "allday.ics")));
        assertFalse(ev.contains("todo.ics"));
        assertEquals(Set.of("todo.ics"), names(report(query("<D:getetag/>", "<C:comp-filter name=\"VTODO\"/>"))));
    }

    @Test
    void calendarDataVerbatim() {
        Ms ms = report(query("<D:getetag/><C:calendar-data/>", range("VEVENT", "20261104T000000Z", "20261105T000000Z")));
        String data = ms.get(CAL + "single.ics").text("calendar-data");
        assertEquals(server.alice("GET", CAL + "single.ics", null).body(), data);
        assertNotNull(ms.get(CAL + "single.ics").text("getetag"));
    }

    @Test
    void expandTurnsRecurrencesIntoInstances() {
        String props = "<D:getetag/><C:calendar-data><C:expand start=\"20261102T000000Z\" end=\"20261123T000000Z\"/></C:calendar-data>";
        Ms ms = report(query(props, range("VEVENT", "20261102T000000Z", "20261123T000000Z")));
        String data = ms.get(CAL + "weekly.ics").text("calendar-data");
        assertEquals(3, data.split("BEGIN:VEVENT").length - 1, data);
        assertFalse(data.contains("RRULE"));
        assertTrue(data.contains("RECURRENCE-ID:20261102T080000Z"), data);
        assertTrue(data.contains("DTSTART:20261109T080000Z"), data);
        assertTrue(data.contains("DTEND:20261116T090000Z"), data);
        assertFalse(data.contains("VTIMEZONE"), data);
        // a non-recurring event stays one component, in UTC
        assertEquals(1, ms.get(CAL + "single.ics").text("calendar-data").split("BEGIN:VEVENT").length - 1);
    }

    @Test
    void expandKeepsOverridesAndDropsExdates() {
        String props = "<C:calendar-data><C:expand start=\"20260301T000000Z\" end=\"20260308T000000Z\"/></C:calendar-data>";
        Ms ms = report(query(props, range("VEVENT", "20260301T000000Z", "20260308T000000Z")));
        String ovr = ms.get(CAL + "override.ics").text("calendar-data");
        assertEquals(1, ovr.split("BEGIN:VEVENT").length - 1, ovr);
        assertTrue(ovr.contains("SUMMARY:Standup (moved)"));
        assertTrue(ovr.contains("RECURRENCE-ID:20260302T160000Z"));
        String ex = ms.get(CAL + "exdate.ics").text("calendar-data");
        assertEquals(1, ex.split("BEGIN:VEVENT").length - 1, ex);
        assertTrue(ex.contains("DTSTART:20260306T120000Z"), "only the RDATE instance: " + ex);
    }

    @Test
    void limitRecurrenceSet() {
        String props = "<C:calendar-data><C:limit-recurrence-set start=\"20260401T000000Z\" end=\"20260501T000000Z\"/></C:calendar-data>";
        Ms ms = report(query(props, range("VEVENT", "20260401T000000Z", "20260501T000000Z")));
        String data = ms.get(CAL + "override.ics").text("calendar-data");
        assertTrue(data.contains("RRULE"));
        assertFalse(data.contains("Standup (moved)"), "the March override is outside the range");
    }

    @Test
    void partialCalendarData() {
        String props = "<C:calendar-data><C:comp name=\"VCALENDAR\"><C:prop name=\"VERSION\"/><C:comp name=\"VEVENT\">"
                + "<C:prop name=\"SUMMARY\"/><C:prop name=\"UID\"/></C:comp></C:comp></C:calendar-data>";
        Ms ms = report(query(props, range("VEVENT", "20261104T000000Z", "20261105T000000Z")));
        String data = ms.get(CAL + "single.ics").text("calendar-data");
        assertTrue(data.contains("SUMMARY:Demo at ACME") && data.contains("UID:single@example.com") && data.contains("VERSION:2.0"), data);
        assertFalse(data.contains("DTSTART") || data.contains("LOCATION") || data.contains("PRODID"), data);
    }

    @Test
    void queryOnOneObject() {
        HttpResponse<String> r = server.alice("REPORT", CAL + "single.ics", query("<D:getetag/>", range("VEVENT", "20261104T000000Z", "20261105T000000Z")), "Depth", "0");
        assertEquals(207, r.statusCode());
        assertEquals(1, Ms.parse(r.body()).size());
    }
}
