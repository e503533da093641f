package org.switchboard.server.calendar;

import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.server.dav.DerivedCalendar;

/** The three consolidated calendars in every user's DAV home: {@code /dav/<user>/crm-next-actions/} and so on. */
@Configuration
class ConsolidatedCalendars {

    @Bean
    DerivedCalendar nextActionsCalendar(ConsolidatedItems items, ConsolidatedIcs ics) {
        return new Consolidated(ConsolidatedKind.NEXT_ACTIONS, items, ics);
    }

    @Bean
    DerivedCalendar closingCalendar(ConsolidatedItems items, ConsolidatedIcs ics) {
        return new Consolidated(ConsolidatedKind.CLOSING, items, ics);
    }

    @Bean
    DerivedCalendar callsCalendar(ConsolidatedItems items, ConsolidatedIcs ics) {
        return new Consolidated(ConsolidatedKind.CALLS, items, ics);
    }

    /** One consolidated calendar as the DAV backend sees it. */
    record Consolidated(ConsolidatedKind kind, ConsolidatedItems items, ConsolidatedIcs ics) implements DerivedCalendar {
        @Override
        public String name() {
            return kind.collection;
        }

        @Override
        public String displayName() {
            return kind.displayName;
        }

        @Override
        public String description() {
            return kind.description;
        }

        @Override
        public String color() {
            return kind.color;
        }

        @Override
        public Set<String> components() {
            return Set.of("VEVENT");
        }

        @Override
        public List<Member> members(long userId) {
            return items.of(kind, userId).stream()
                    .map(i -> new Member(i.objectName(), i.etag(), ConsolidatedIcs.index(i), () -> ics.object(i))).toList();
        }
    }
}
