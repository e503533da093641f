package org.switchboard.dav.spi;

import java.util.Set;

/** Properties set by MKCALENDAR, extended MKCOL or PROPPATCH; a null field means "unchanged". */
public record CollectionProps(String displayName, String description, String color, Integer order,
                              Set<String> components) {
    public static CollectionProps empty() { return new CollectionProps(null, null, null, null, null); }
}
