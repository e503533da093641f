package org.switchboard.server.dav;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.springframework.stereotype.Component;
import org.switchboard.dav.DavConfig;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.DavObjectInfo;
import org.switchboard.dav.spi.OccurrenceSupport;

/**
 * The occurrence index of the stored calendars (ADR 0012): computes an object's instances with the engine
 * when it is written, and answers the engine's time-range questions from {@code dav_occurrence}.
 */
@Component
class DavOccurrences {
    private static final Logger LOG = Logger.getLogger(DavOccurrences.class.getName());
    /** Recurring events are indexed up to this far ahead of the time they are (re)indexed. */
    static final Duration HORIZON = Duration.ofDays(730);
    /** At most this many rows per object (the earliest instances); queries past them parse the object. */
    static final int MAX_ROWS = 3000;
    private static final int MAX_INSTANCES = DavConfig.defaults().maxInstances();

    private final DavOccurrenceRepository repository;
    private final Clock clock;

    DavOccurrences(DavOccurrenceRepository repository) {
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    /** The rows {@code data} should have now; an object that does not parse gets none and is parsed by queries. */
    ICalObject.Occurrences compute(String name, byte[] data) {
        try {
            return ICalObject.parse(data).occurrences(clock.instant().plus(HORIZON), MAX_ROWS, MAX_INSTANCES);
        } catch (InvalidObjectException | RuntimeException e) {
            LOG.log(Level.WARNING, "not indexing {0}: {1}", new Object[] {name, e.getMessage()});
            return new ICalObject.Occurrences(List.of(), Instant.MIN);
        }
    }

    /** Called in the writer's transaction, after the object row was inserted or updated. */
    void written(long collectionId, DavObject object) {
        Long id = repository.objectId(collectionId, object.name());
        if (id == null) {
            return;
        }
        if (object.contentType() != null || (object.index() != null && !"VEVENT".equals(object.index().componentType()))) {
            // files of plain collections, tasks, journals, vCards: nothing to index, and no need to parse them again
            repository.replace(id, collectionId, new ICalObject.Occurrences(List.of(), null));
            return;
        }
        repository.replace(id, collectionId, compute(object.name(), object.data()));
    }

    OccurrenceSupport.EventMatches eventsOverlapping(long collectionId, Instant start, Instant end) {
        // uncovered members first: one the indexer covers meanwhile shows up in both reads, and is kept once
        List<DavObjectInfo> unindexed = new ArrayList<>(repository.unindexed(collectionId, start, end).values());
        java.util.Set<String> toCheck = new java.util.HashSet<>();
        for (DavObjectInfo i : unindexed) {
            toCheck.add(i.name());
        }
        List<DavObjectInfo> matches = new ArrayList<>();
        for (DavObjectInfo i : repository.matches(collectionId, start, end)) {
            if (!toCheck.contains(i.name())) {
                matches.add(i);
            }
        }
        return new OccurrenceSupport.EventMatches(matches, unindexed);
    }

    OccurrenceSupport.BusyTime busyTime(long collectionId, Instant start, Instant end) {
        // read the uncovered members first: an object indexed meanwhile is then counted twice at worst
        // (busy time merges), never missed
        Map<Long, DavObjectInfo> unindexed = repository.unindexed(collectionId, start, end);
        List<OccurrenceSupport.Occurrence> periods = new ArrayList<>();
        for (DavOccurrenceRepository.Instance i : repository.busy(collectionId, start, end)) {
            if (!unindexed.containsKey(i.objectId())) {
                periods.add(i.occurrence());
            }
        }
        return new OccurrenceSupport.BusyTime(periods, new ArrayList<>(unindexed.values()));
    }
}
