package org.switchboard.server.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.server.dav.DavObjectStore;
import org.switchboard.server.storage.Sha256;
import org.switchboard.server.user.User;

/**
 * A user's read-only .ics feed: her meetings (organized or attended, from half a year back to two years
 * ahead) with their events as stored, time zones included, and her consolidated items. The ETag is a
 * digest of what goes in (names and ETags), known before anything is rendered, so a 304 costs three
 * index reads and no iCalendar work.
 */
@org.springframework.stereotype.Component
class CalendarFeed {
    static final Duration PAST = Duration.ofDays(183);
    static final Duration AHEAD = Duration.ofDays(730);
    private static final Logger LOG = LoggerFactory.getLogger(CalendarFeed.class);
    private final MeetingRepository meetings;
    private final ConsolidatedItems items;
    private final ConsolidatedIcs ics;
    private final DavObjectStore store;

    CalendarFeed(MeetingRepository meetings, ConsolidatedItems items, ConsolidatedIcs ics, DavObjectStore store) {
        this.meetings = meetings;
        this.items = items;
        this.ics = ics;
        this.store = store;
    }

    /** What the feed holds now, not yet rendered. */
    record Content(User user, List<StoredMeeting> meetings, List<ConsolidatedItem> items, String etag) {
    }

    Content content(User user) {
        Instant now = Instant.now();
        List<StoredMeeting> mine = meetings.overlapping(now.minus(PAST), now.plus(AHEAD), List.of(user.id()), MeetingService.MAX_LIST);
        List<ConsolidatedItem> all = new ArrayList<>();
        for (ConsolidatedKind kind : ConsolidatedKind.values()) {
            all.addAll(items.of(kind, user.id()));
        }
        StringBuilder state = new StringBuilder();
        mine.forEach(m -> state.append(m.objectName()).append('\t').append(m.etag()).append('\n'));
        all.forEach(i -> state.append(i.objectName()).append('\t').append(i.etag()).append('\n'));
        return new Content(user, mine, all, "\"" + Sha256.hex(state.toString()).substring(0, 32) + "\"");
    }

    byte[] render(Content content) {
        Calendar feed = new Calendar();
        feed.add(new ProdId(ConsolidatedIcs.PRODID));
        feed.add(ImmutableVersion.VERSION_2_0);
        feed.add(new XProperty("X-WR-CALNAME", "Switchboard: " + content.user().displayName()));
        Set<String> zones = new HashSet<>();
        Map<String, DavObject> objects = store.getAll(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS,
                content.meetings().stream().map(StoredMeeting::objectName).toList()).stream()
                .collect(Collectors.toMap(DavObject::name, Function.identity()));
        for (StoredMeeting m : content.meetings()) {
            DavObject o = objects.get(m.objectName());
            if (o == null) {
                continue;
            }
            try {
                Calendar event = ICalObject.parse(o.data()).calendar();
                for (CalendarComponent c : event.<CalendarComponent>getComponents()) {
                    if ("VTIMEZONE".equals(c.getName())) {
                        String tzid = c.getProperty("TZID").map(p -> p.getValue()).orElse("");
                        if (zones.add(tzid)) {
                            feed.add(c);
                        }
                    } else if ("VEVENT".equals(c.getName())) {
                        feed.add(c);
                    }
                }
            } catch (InvalidObjectException e) {
                LOG.warn("meeting {} left out of a feed: {}", m.meeting().id(), e.getMessage());
            }
        }
        for (ConsolidatedItem i : content.items()) {
            feed.add(ics.event(i));
        }
        return feed.toString().getBytes(StandardCharsets.UTF_8);
    }
}
