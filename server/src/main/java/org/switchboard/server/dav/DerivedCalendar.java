package org.switchboard.server.dav;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.switchboard.dav.spi.ObjectIndex;

/**
 * A read-only calendar computed for each user from CRM rows (her next actions, closing dates, calls to
 * make), listed in her home as {@code /dav/<user>/<name>/}. Nothing is stored: each request reads the
 * rows again. Names start with {@code crm-}, which users cannot take for collections of their own.
 */
public interface DerivedCalendar {
    /** The path segment, e.g. {@code crm-next-actions}; must start with {@link #PREFIX}. */
    String name();

    String displayName();

    String description();

    /** #rrggbb */
    String color();

    /** VEVENT and/or VTODO. */
    Set<String> components();

    /** The user's members now, one query; bodies are rendered only when asked for. */
    List<Member> members(long userId);

    String PREFIX = "crm-";

    /**
     * One computed object. Its ETag must change whenever its bytes would (the row version does that), and
     * equal ETags must mean equal bytes.
     */
    record Member(String name, String etag, ObjectIndex index, Supplier<byte[]> data) {
    }
}
