package org.switchboard.dav.spi;

import java.util.Set;

/**
 * A calendar or address book at {@code /<home>/<name>/}, or a plain WebDAV collection ({@link PlainCollections}).
 *
 * @param home        the path segment of the home it is listed in (usually the owner's user name)
 * @param name        the path segment of the collection; for a plain collection nested in another, the path
 *                    below the home with segments joined by {@code /}
 * @param components  supported calendar components (VEVENT, VTODO, VJOURNAL); ignored for address books
 * @param syncToken   changes whenever a member changes; served as {@code getctag} and {@code sync-token}.
 *                    Must be a URI (RFC 6578 §3.2), e.g. {@code urn:switchboard:sync:42}
 * @param readOnly    true for computed ("virtual") collections: every write is refused with 403
 */
public record DavCollection(String home, String name, CollectionKind kind, String displayName,
                            String description, String color, Integer order, Set<String> components,
                            String syncToken, boolean readOnly) {
    public DavCollection {
        components = components == null || components.isEmpty()
                ? (kind == CollectionKind.CALENDAR ? Set.of("VEVENT", "VTODO", "VJOURNAL") : Set.of())
                : Set.copyOf(components);
    }

    public boolean isCalendar() { return kind == CollectionKind.CALENDAR; }
    public boolean isAddressBook() { return kind == CollectionKind.ADDRESS_BOOK; }
    public boolean isPlain() { return kind == CollectionKind.PLAIN; }

    public DavCollection withSyncToken(String token) {
        return new DavCollection(home, name, kind, displayName, description, color, order, components, token, readOnly);
    }

    public DavCollection with(CollectionProps p) {
        return new DavCollection(home, name, kind,
                p.displayName() != null ? p.displayName() : displayName,
                p.description() != null ? p.description() : description,
                p.color() != null ? p.color() : color,
                p.order() != null ? p.order() : order,
                p.components() != null ? p.components() : components, syncToken, readOnly);
    }
}
