package org.switchboard.dav.spi;

import java.util.List;

/** A user as CalDAV/CardDAV clients see her: {@code /<name>/} is both her principal URL and her home. */
public record DavPrincipal(String name, String displayName, List<String> emailAddresses) {
    public DavPrincipal {
        emailAddresses = emailAddresses == null ? List.of() : List.copyOf(emailAddresses);
    }
}
