package org.switchboard.server.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The month, week or day the web calendar shows, and its entries laid out by day (and hour, for the
 * week and day views). Timed entries are placed in the server's time zone, all-day ones on their dates.
 * The methods the page calls are public: Thymeleaf's expressions reach only public methods.
 */
record CalendarGrid(String view, LocalDate date, String title, LocalDate previous, LocalDate next, List<Day> days, List<Integer> hours,
        ZoneId zone) {
    static final int FIRST_HOUR = 7;
    static final int LAST_HOUR = 20;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** One day of the grid with its entries. */
    record Day(LocalDate date, boolean inMonth, boolean today, List<CalendarEntry> allDay, List<CalendarEntry> timed) {
        /** The timed entries shown in this hour's row: those starting in it (earlier and later ones at the edges). */
        public List<CalendarEntry> at(int hour, ZoneId zone) {
            return timed.stream().filter(e -> {
                int h = e.start().atZone(zone).getHour();
                return Math.max(FIRST_HOUR, Math.min(LAST_HOUR, h)) == hour;
            }).toList();
        }

        public String label() {
            return date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + " " + date.getDayOfMonth();
        }
    }

    static String normalizeView(String view) {
        return "week".equals(view) || "day".equals(view) ? view : "month";
    }

    /** The first day shown and the day after the last. */
    static LocalDate[] range(String view, LocalDate date) {
        return switch (view) {
            case "day" -> new LocalDate[] {date, date.plusDays(1)};
            case "week" -> {
                LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new LocalDate[] {monday, monday.plusDays(7)};
            }
            default -> {
                LocalDate first = date.withDayOfMonth(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new LocalDate[] {first, first.plusDays(42)};
            }
        };
    }

    static CalendarGrid of(String view, LocalDate date, List<CalendarEntry> entries, ZoneId zone) {
        LocalDate[] r = range(view, date);
        LocalDate today = LocalDate.now(zone);
        List<Day> days = new ArrayList<>();
        for (LocalDate d = r[0]; d.isBefore(r[1]); d = d.plusDays(1)) {
            List<CalendarEntry> allDay = new ArrayList<>();
            List<CalendarEntry> timed = new ArrayList<>();
            for (CalendarEntry e : entries) {
                if (e.allDay()) {
                    LocalDate first = CalendarEntries.day(e, zone, e.start());
                    LocalDate last = CalendarEntries.day(e, zone, e.end().minusSeconds(1));
                    if (!d.isBefore(first) && !d.isAfter(last)) {
                        allDay.add(e);
                    }
                } else if (e.start().atZone(zone).toLocalDate().equals(d)) {
                    timed.add(e);
                }
            }
            days.add(new Day(d, "month".equals(view) ? d.getMonth() == date.getMonth() : true, d.equals(today), allDay, timed));
        }
        String title = switch (view) {
            case "day" -> DAY.format(date);
            case "week" -> "Week of " + DAY.format(r[0]);
            default -> MONTH.format(date);
        };
        LocalDate previous = switch (view) {
            case "day" -> date.minusDays(1);
            case "week" -> date.minusWeeks(1);
            default -> date.minusMonths(1);
        };
        LocalDate next = switch (view) {
            case "day" -> date.plusDays(1);
            case "week" -> date.plusWeeks(1);
            default -> date.plusMonths(1);
        };
        List<Integer> hours = new ArrayList<>();
        for (int h = FIRST_HOUR; h <= LAST_HOUR; h++) {
            hours.add(h);
        }
        return new CalendarGrid(view, date, title, previous, next, days, hours, zone);
    }

    /** Weeks of the month view. */
    public List<List<Day>> weeks() {
        List<List<Day>> out = new ArrayList<>();
        for (int i = 0; i < days.size(); i += 7) {
            out.add(days.subList(i, Math.min(days.size(), i + 7)));
        }
        return out;
    }

    public List<CalendarEntry> at(Day day, int hour) {
        return day.at(hour, zone);
    }

    public String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }

    /** The start a click on an empty slot proposes, as a datetime-local value. */
    public String slot(Day day, int hour) {
        return day.date() + "T" + (hour < 10 ? "0" : "") + hour + ":00";
    }
}
