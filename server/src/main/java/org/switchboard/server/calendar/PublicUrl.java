package org.switchboard.server.calendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Absolute links to this server, for places no request is at hand or where the bytes must not depend on
 * the request (URL properties in calendar entries, the feed address): {@code switchboard.public-url}.
 */
@Component
class PublicUrl {
    private final String base;

    PublicUrl(@Value("${switchboard.public-url:http://localhost:8080}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** {@code path} starts with a slash. */
    String of(String path) {
        return base + path;
    }
}
