package org.switchboard.dav;

/** iCalendar and vCard bodies as the clients write them. */
public final class Ics {
    private Ics() {}

    public static String event(String uid, String start, String end, String summary, String... extra) {
        StringBuilder sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
                + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + start + "\r\nDTEND:" + end
                + "\r\nSUMMARY:" + summary + "\r\n");
        for (String x : extra) sb.append(x).append("\r\n");
        return sb.append("END:VEVENT\r\nEND:VCALENDAR\r\n").toString();
    }

    public static final String BERLIN = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n"
            + "TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
            + "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
            + "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

    /** A weekly Monday meeting 09:00-10:00 Berlin time since January 2025, as Thunderbird writes it. */
    public static String weekly(String uid) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n" + BERLIN
                + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Weekly pipeline review\r\n"
                + "DTSTART;TZID=Europe/Berlin:20250106T090000\r\nDTEND;TZID=Europe/Berlin:20250106T100000\r\n"
                + "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    public static String vcard4(String uid, String fn, String email) {
        return "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:-//Thunderbird//EN\r\nUID:" + uid + "\r\nFN:" + fn + "\r\nN:" + fn
                + ";;;;\r\nEMAIL;TYPE=work:" + email + "\r\nX-CUSTOM1:keep me\r\nEND:VCARD\r\n";
    }

    public static String vcard3(String uid, String fn, String email) {
        return "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + uid + "\r\nFN:" + fn + "\r\nN:" + fn + ";;;;\r\nEMAIL;TYPE=INTERNET:"
                + email + "\r\nX-MS-OL-DESIGN:kept\r\nEND:VCARD\r\n";
    }
}
