package org.switchboard.server.calendar;

import org.switchboard.server.web.PublicUrl;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Component;
import org.switchboard.dav.spi.ObjectIndex;

/**
 * The VEVENT of a consolidated item, built with ical4j from the row alone (DTSTAMP is the row's
 * updated_at, not the time of the request), so the same row version always gives the same bytes. Entries
 * are TRANSPARENT: a reminder to call or to close does not make her busy.
 */
@Component
class ConsolidatedIcs {
    static final String PRODID = "-//Switchboard//CRM agenda//EN";
    /** How long a call to make is shown. */
    static final Duration CALL_LENGTH = Duration.ofMinutes(15);
    private final PublicUrl publicUrl;

    ConsolidatedIcs(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    VEvent event(ConsolidatedItem item) {
        VEvent e;
        String summary = switch (item.kind()) {
            case NEXT_ACTIONS -> (item.title() != null ? item.title() : "Next action") + ": " + item.subject();
            case CLOSING -> "Expected closing: " + item.subject();
            case CALLS -> "Call " + (item.who() != null ? item.who() : item.phone() != null ? item.phone() : "") + ": " + item.subject();
        };
        if (item.date() != null) {
            e = new VEvent(false);
            e.add(new DtStart<>(item.date()));
            e.add(new DtEnd<>(item.date().plusDays(1)));
        } else {
            e = new VEvent(false);
            e.add(new DtStart<>(item.at()));
            e.add(new DtEnd<>(item.at().plus(CALL_LENGTH)));
        }
        e.add(new Uid(item.uid()));
        e.add(new DtStamp(item.updatedAt() == null ? Instant.EPOCH : item.updatedAt()));
        e.add(new Summary(summary));
        StringBuilder description = new StringBuilder();
        if (item.who() != null) {
            description.append(item.who());
        }
        if (item.phone() != null) {
            description.append(description.isEmpty() ? "" : "\n").append("Phone: ").append(item.phone());
        }
        if (!description.isEmpty()) {
            e.add(new Description(description.toString()));
        }
        e.add(new Url(URI.create(publicUrl.of(item.kind() == ConsolidatedKind.CALLS ? "/calls/mine" : "/opportunities/" + item.id()))));
        e.add(new Categories(item.kind().displayName));
        e.add(new Transp(Transp.VALUE_TRANSPARENT));
        return e;
    }

    /** One calendar object holding the item's event. */
    byte[] object(ConsolidatedItem item) {
        Calendar c = new Calendar();
        c.add(new ProdId(PRODID));
        c.add(ImmutableVersion.VERSION_2_0);
        c.add(event(item));
        return c.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Start and end as the DAV engine would index them (a date is midnight UTC to the next midnight). */
    static ObjectIndex index(ConsolidatedItem item) {
        Instant start = item.date() != null ? item.date().atStartOfDay(ZoneOffset.UTC).toInstant() : item.at();
        Instant end = item.date() != null ? start.plus(Duration.ofDays(1)) : start.plus(CALL_LENGTH);
        return new ObjectIndex("VEVENT", item.uid(), start, end);
    }
}
