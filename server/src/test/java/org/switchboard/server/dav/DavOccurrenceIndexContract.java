package org.switchboard.server.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.server.dav.DavHttp.text;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The occurrence index (ADR 0012) end to end, over HTTP: time-range queries, free-busy and expand answered
 * from the index must be exactly what the engine computes by parsing. Every calendar-query is asked twice:
 * once as clients ask it (VCALENDAR &gt; VEVENT &gt; time-range, answered from the index) and once with a
 * prop-filter every event passes (UID is defined), which the index cannot answer, so the engine parses and
 * expands each candidate itself; both answers must name the same objects.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DavOccurrenceIndexContract {
    private static int sequence;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OccurrenceIndexer indexer;

    String cal;
    DavHttp dav;

    @BeforeEach
    void user() {
        String alice = DavTestUsers.create(port, "occ" + (++sequence) + System.nanoTime() % 100000, "Occ", "#123456");
        dav = DavHttp.basic(port, alice, DavTestUsers.password(alice));
        cal = "/dav/" + alice + "/calendar/";
    }

    private static String ics(String uid, String... lines) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Switchboard tests//EN\r\n" + String.join("", lines).replace("@UID@", uid)
                + "END:VCALENDAR\r\n";
    }

    private static String vevent(String... props) {
        return "BEGIN:VEVENT\r\nUID:@UID@\r\nDTSTAMP:20260101T000000Z\r\n" + String.join("\r\n", props) + "\r\nEND:VEVENT\r\n";
    }

    private void put(String name, String... components) {
        HttpResponse<byte[]> r = dav.put(cal + name + ".ics", ics(name + "-uid", components));
        assertThat(r.statusCode()).as(name + ": " + text(r)).isIn(201, 204);
    }

    /** The calendar: every case the index must get right. */
    private void fill() {
        // weekly on Mondays 09:00-10:00 UTC, one instance excluded, one extra date, one moved to Wednesday
        put("weekly", vevent("DTSTART:20270104T090000Z", "DTEND:20270104T100000Z", "RRULE:FREQ=WEEKLY", "SUMMARY:Weekly",
                        "EXDATE:20270118T090000Z", "RDATE:20270122T150000Z"),
                vevent("RECURRENCE-ID:20270125T090000Z", "DTSTART:20270127T130000Z", "DTEND:20270127T140000Z", "SUMMARY:Moved"));
        // all day, floating (evaluated in UTC), ends at the next midnight
        put("allday", vevent("DTSTART;VALUE=DATE:20270310", "DTEND;VALUE=DATE:20270311", "SUMMARY:All day"));
        // all day without DTEND: one day
        put("allday-nodtend", vevent("DTSTART;VALUE=DATE:20270312", "SUMMARY:All day no end"));
        // New York, before US daylight saving time (14 March 2027): 09:00 EST is 14:00 UTC
        put("newyork", vevent("DTSTART;TZID=America/New_York:20270310T090000", "DTEND;TZID=America/New_York:20270310T100000",
                "SUMMARY:New York"));
        // floating time
        put("floating", vevent("DTSTART:20270311T090000", "DTEND:20270311T100000", "SUMMARY:Floating"));
        // across midnight, across the edge of the ranges below
        put("overnight", vevent("DTSTART:20270401T230000Z", "DTEND:20270402T010000Z", "SUMMARY:Overnight"));
        // a long one: three weeks, starting well before the week asked for
        put("conference", vevent("DTSTART:20270501T080000Z", "DTEND:20270522T080000Z", "SUMMARY:Long"));
        // zero length (DTSTART only)
        put("reminder", vevent("DTSTART:20270601T120000Z", "SUMMARY:Zero"));
        // daily and never ending: indexed up to the horizon, beyond it the engine expands it
        put("daily", vevent("DTSTART:20270101T070000Z", "DURATION:PT30M", "RRULE:FREQ=DAILY;INTERVAL=3", "SUMMARY:Daily"));
        // transparent, tentative, and a recurring one with a cancelled instance (free-busy)
        put("transparent", vevent("DTSTART:20270701T090000Z", "DTEND:20270701T100000Z", "TRANSP:TRANSPARENT", "SUMMARY:Free"));
        put("tentative", vevent("DTSTART:20270701T110000Z", "DTEND:20270701T120000Z", "STATUS:TENTATIVE", "SUMMARY:Maybe"));
        put("standup", vevent("DTSTART:20270705T080000Z", "DTEND:20270705T081500Z", "RRULE:FREQ=DAILY;COUNT=5", "SUMMARY:Standup"),
                vevent("RECURRENCE-ID:20270707T080000Z", "DTSTART:20270707T080000Z", "DTEND:20270707T081500Z", "STATUS:CANCELLED",
                        "SUMMARY:Standup off"));
        // a task is never a VEVENT answer
        dav.put(cal + "task.ics", ics("task-uid", "BEGIN:VTODO\r\nUID:@UID@\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20270310T090000Z\r\n"
                + "DUE:20270310T100000Z\r\nSUMMARY:Task\r\nEND:VTODO\r\n"));
    }

    private static String query(String start, String end, String extraFilter, String props) {
        String range = "<C:time-range" + (start == null ? "" : " start=\"" + start + "\"") + (end == null ? "" : " end=\"" + end + "\"") + "/>";
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:calendar-query xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + "<prop>" + props + "</prop><C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">" + range
                + extraFilter + "</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>";
    }

    private Set<String> names(String xml) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("<(?:[A-Za-z0-9]+:)?href>[^<]*/([^/<]+)\\.ics</").matcher(xml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The objects overlapping [start, end), from the index; asserts the engine's own evaluation agrees. */
    private Set<String> between(String start, String end) {
        HttpResponse<byte[]> indexed = dav.xml("REPORT", cal, "1", query(start, end, "", "<getetag/>"));
        assertThat(indexed.statusCode()).isEqualTo(207);
        HttpResponse<byte[]> parsed = dav.xml("REPORT", cal, "1", query(start, end, "<C:prop-filter name=\"UID\"/>", "<getetag/>"));
        assertThat(parsed.statusCode()).isEqualTo(207);
        Set<String> fromIndex = names(text(indexed));
        assertThat(fromIndex).as("index vs parsing for [%s, %s)", start, end).isEqualTo(names(text(parsed)));
        return fromIndex;
    }

    private int rows(String name) {
        return jdbc.sql("SELECT count(*) FROM dav_occurrence x JOIN dav_object o ON o.id = x.object_id "
                + "JOIN dav_collection c ON c.id = o.collection_id WHERE o.name = ? AND c.home || '/' = ? AND c.name = 'calendar'")
                .params(name + ".ics", home())
                .query(Integer.class).single();
    }

    private String home() {
        return cal.substring("/dav/".length(), cal.length() - "calendar/".length());
    }

    @Test
    void writesIndexTheInstancesOfEachEvent() {
        fill();
        assertThat(rows("allday")).isEqualTo(1);
        assertThat(rows("standup")).isEqualTo(5);
        // the moved instance replaces its Monday, the RDATE adds one; two years ahead at least
        assertThat(rows("weekly")).isGreaterThan(50);
        assertThat(rows("task")).isZero();
    }

    @Test
    void recurrenceExceptionsAndExtraDates() {
        fill();
        assertThat(between("20270111T000000Z", "20270112T000000Z")).containsExactly("weekly");
        assertThat(between("20270110T000000Z", "20270112T000000Z")).containsExactly("daily", "weekly");
        // EXDATE: no instance on 18 January
        assertThat(between("20270118T000000Z", "20270118T235959Z")).doesNotContain("weekly");
        // RDATE on Friday 22 January at 15:00
        assertThat(between("20270122T140000Z", "20270122T160000Z")).containsExactly("weekly");
        // the 25 January instance moved to Wednesday 27th 13:00
        assertThat(between("20270125T000000Z", "20270126T000000Z")).doesNotContain("weekly");
        assertThat(between("20270127T130000Z", "20270127T133000Z")).containsExactly("weekly");
    }

    @Test
    void allDayFloatingAndZonedTimes() {
        fill();
        assertThat(between("20270310T000000Z", "20270310T010000Z")).contains("allday");
        assertThat(between("20270311T000000Z", "20270311T010000Z")).doesNotContain("allday");
        assertThat(between("20270312T230000Z", "20270313T000000Z")).contains("allday-nodtend");
        assertThat(between("20270310T133000Z", "20270310T143000Z")).contains("newyork");
        assertThat(between("20270310T090000Z", "20270310T100000Z")).doesNotContain("newyork");
        assertThat(between("20270311T093000Z", "20270311T094500Z")).contains("floating");
        // never a task
        assertThat(between("20270310T000000Z", "20270311T000000Z")).doesNotContain("task");
    }

    @Test
    void rangeEdgesLongAndZeroLengthEvents() {
        fill();
        assertThat(between("20270402T000000Z", "20270402T120000Z")).contains("overnight");
        assertThat(between("20270401T120000Z", "20270401T230000Z")).doesNotContain("overnight");
        assertThat(between("20270402T010000Z", "20270402T020000Z")).doesNotContain("overnight");
        // the three-week event overlaps a week starting two weeks after it began
        assertThat(between("20270515T000000Z", "20270516T000000Z")).contains("conference");
        assertThat(between("20270522T080000Z", "20270523T000000Z")).doesNotContain("conference");
        // zero length: matches a range starting at it, not one ending at it
        assertThat(between("20270601T120000Z", "20270601T130000Z")).contains("reminder");
        assertThat(between("20270601T110000Z", "20270601T120000Z")).doesNotContain("reminder");
        // open-ended ranges
        assertThat(between("20270601T110000Z", null)).contains("reminder", "daily", "weekly").doesNotContain("allday", "overnight");
        assertThat(between(null, "20270105T000000Z")).containsExactly("daily", "weekly");
    }

    @Test
    void anEndlessRuleIsFoundBeyondTheHorizon() {
        fill();
        // 1 January 2027 + multiples of 3 days: 10 January 2039 is one (4392 days), 11 January 2039 is not
        assertThat(between("20390110T000000Z", "20390110T235959Z")).contains("daily", "weekly");
        assertThat(between("20390111T000000Z", "20390111T235959Z")).doesNotContain("daily");
    }

    @Test
    void updatesAndDeletesKeepTheIndexRight() {
        fill();
        assertThat(between("20270402T000000Z", "20270402T120000Z")).contains("overnight");
        put("overnight", vevent("DTSTART:20270801T230000Z", "DTEND:20270802T010000Z", "SUMMARY:Overnight moved"));
        assertThat(between("20270402T000000Z", "20270402T120000Z")).doesNotContain("overnight");
        assertThat(between("20270802T000000Z", "20270802T120000Z")).contains("overnight");
        assertThat(rows("overnight")).isEqualTo(1);
        // a recurring event becomes a single one
        put("weekly", vevent("DTSTART:20270104T090000Z", "DTEND:20270104T100000Z", "SUMMARY:Once now"));
        assertThat(rows("weekly")).isEqualTo(1);
        assertThat(between("20270111T000000Z", "20270112T000000Z")).doesNotContain("weekly");
        assertThat(dav.send("DELETE", cal + "overnight.ics", null).statusCode()).isEqualTo(204);
        assertThat(between("20270802T000000Z", "20270802T120000Z")).doesNotContain("overnight");
        assertThat(rows("overnight")).isZero();
    }

    @Test
    void freeBusyFromTheIndex() {
        fill();
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:free-busy-query xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                + "<C:time-range start=\"20270701T000000Z\" end=\"20270710T000000Z\"/></C:free-busy-query>";
        HttpResponse<byte[]> r = dav.xml("REPORT", cal, "1", body);
        assertThat(r.statusCode()).isEqualTo(200);
        String fb = text(r).replace("\r\n ", "");
        assertThat(fb).contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20270701T110000Z/20270701T120000Z")
                .doesNotContain("20270701T090000Z")
                .contains("20270705T080000Z/20270705T081500Z", "20270706T080000Z/20270706T081500Z", "20270708T080000Z/20270708T081500Z")
                .doesNotContain("20270707T080000Z");
        // the daily rule's instances are busy as well (3 July 07:00 is one)
        assertThat(fb).contains("20270703T070000Z/20270703T073000Z");
    }

    @Test
    void expandReturnsTheInstancesInRange() {
        fill();
        String props = "<getetag/><C:calendar-data><C:expand start=\"20270118T000000Z\" end=\"20270201T000000Z\"/></C:calendar-data>";
        String xml = text(dav.xml("REPORT", cal, "1", query("20270118T000000Z", "20270201T000000Z", "", props)));
        assertThat(names(xml)).containsExactly("daily", "weekly");
        // EXDATE 18th gone, RDATE 22nd, moved 27th (with its RECURRENCE-ID), no RRULE
        assertThat(xml).doesNotContain("DTSTART:20270118T090000Z").contains("DTSTART:20270122T150000Z")
                .contains("DTSTART:20270127T130000Z").contains("RECURRENCE-ID:20270125T090000Z").doesNotContain("RRULE");
    }

    /**
     * The shaped calendar-data is cached per ETag and range (ADR 0019): asked again, the same answer; after a
     * PUT the new text, never the old one; after a DELETE nothing.
     */
    @Test
    void expandIsNeverStaleAfterAnUpdateOrADelete() {
        fill();
        String props = "<getetag/><C:calendar-data><C:expand start=\"20270118T000000Z\" end=\"20270201T000000Z\"/></C:calendar-data>";
        String body = query("20270118T000000Z", "20270201T000000Z", "", props);
        String first = text(dav.xml("REPORT", cal, "1", body));
        String again = text(dav.xml("REPORT", cal, "1", body));
        assertThat(responses(again)).isEqualTo(responses(first));
        assertThat(again).contains("SUMMARY:Weekly", "DTSTART:20270122T150000Z");

        put("weekly", vevent("DTSTART:20270104T100000Z", "DTEND:20270104T110000Z", "RRULE:FREQ=WEEKLY", "SUMMARY:Weekly later"));
        String updated = text(dav.xml("REPORT", cal, "1", body));
        assertThat(names(updated)).containsExactly("daily", "weekly");
        assertThat(updated).contains("SUMMARY:Weekly later", "DTSTART:20270118T100000Z", "DTSTART:20270125T100000Z")
                .doesNotContain("SUMMARY:Weekly\r", "SUMMARY:Weekly&#13;", "DTSTART:20270122T150000Z", "SUMMARY:Moved");

        assertThat(dav.send("DELETE", cal + "weekly.ics", null).statusCode()).isEqualTo(204);
        String deleted = text(dav.xml("REPORT", cal, "1", body));
        assertThat(names(deleted)).containsExactly("daily");
        assertThat(deleted).doesNotContain("Weekly");
    }

    /**
     * A plain expand is written from each object's expansion template (ADR 0020); asking for everything
     * through {@code <C:comp>} makes the engine parse and shape each object instead. Both must be the same
     * text, for every kind of event of the calendar (override, EXDATE, RDATE, all day, zoned, floating,
     * DURATION, zero length), whether or not the template already exists (the second round).
     */
    @Test
    void expandFromTheTemplatesEqualsTheShapedExpansion() {
        fill();
        String[][] ranges = {{"20270101T000000Z", "20270201T000000Z"}, {"20270301T000000Z", "20270401T000000Z"},
                {"20270401T120000Z", "20270402T000000Z"}, {"20270510T000000Z", "20270610T000000Z"}, {"20270701T000000Z", "20270710T000000Z"}};
        String everything = "<C:comp name=\"VCALENDAR\"><C:allprop/><C:allcomp/></C:comp>";
        for (int round = 0; round < 2; round++) {
            for (String[] r : ranges) {
                String expand = "<C:expand start=\"" + r[0] + "\" end=\"" + r[1] + "\"/>";
                String templated = text(dav.xml("REPORT", cal, "1", query(r[0], r[1], "",
                        "<getetag/><C:calendar-data>" + expand + "</C:calendar-data>")));
                String shaped = text(dav.xml("REPORT", cal, "1", query(r[0], r[1], "",
                        "<getetag/><C:calendar-data>" + everything + expand + "</C:calendar-data>")));
                assertThat(names(templated)).as("[%s, %s)", r[0], r[1]).isNotEmpty();
                assertThat(responses(templated)).as("[%s, %s)", r[0], r[1]).isEqualTo(responses(shaped));
            }
        }
    }

    /** The responses of a multistatus, whatever their order. */
    private static Set<String> responses(String xml) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("<(?:[A-Za-z0-9]+:)?response>.*?</(?:[A-Za-z0-9]+:)?response>", Pattern.DOTALL).matcher(xml);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void objectsStoredBeforeTheIndexAreAnsweredAndThenIndexedInTheBackground() {
        fill();
        // as after the migration: no rows, occ_until NULL
        long collection = jdbc.sql("SELECT id FROM dav_collection WHERE home || '/' = ? AND name = 'calendar'")
                .param(home()).query(Long.class).single();
        jdbc.sql("DELETE FROM dav_occurrence WHERE collection_id = ?").param(collection).update();
        jdbc.sql("UPDATE dav_object SET occ_until = NULL WHERE collection_id = ?").param(collection).update();
        assertThat(rows("weekly")).isZero();
        Set<String> before = between("20270110T000000Z", "20270112T000000Z");
        assertThat(before).containsExactly("daily", "weekly");

        indexer.run();
        assertThat(rows("weekly")).isGreaterThan(50);
        // every event is indexed (the task is never asked about, so the indexer leaves it alone)
        assertThat(jdbc.sql("SELECT count(*) FROM dav_object WHERE collection_id = ? AND occ_until IS NULL AND component_type = 'VEVENT'")
                .param(collection)
                .query(Integer.class).single()).isZero();
        assertThat(between("20270110T000000Z", "20270112T000000Z")).isEqualTo(before);
        assertThat(between("20270127T130000Z", "20270127T133000Z")).containsExactly("weekly");
    }

    @Test
    void manyRangesAgreeWithTheEngine() {
        fill();
        List<String> days = List.of("20261231", "20270104", "20270111", "20270122", "20270310", "20270402", "20270512", "20270601",
                "20270705", "20280101", "20290615");
        for (String d : days) {
            between(d + "T000000Z", d + "T235959Z");
            between(d + "T083000Z", d + "T093000Z");
        }
    }
}
