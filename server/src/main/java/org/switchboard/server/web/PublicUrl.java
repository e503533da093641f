package org.switchboard.server.web;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Absolute links to this server, for places no request is at hand or where the bytes must not depend on
 * the request (URL properties in calendar entries, the feed address, the Outlook add-in's manifest):
 * {@code switchboard.public-url}; unset, http://localhost and the port the server listens on (read when
 * asked: with {@code server.port=0} it is known only once the server has started).
 */
@Component
public class PublicUrl {
    private final Environment environment;

    public PublicUrl(Environment environment) {
        this.environment = environment;
    }

    /** {@code path} starts with a slash; "" gives the base itself, without a trailing slash. */
    public String of(String path) {
        String base = environment.getProperty("switchboard.public-url", "").strip();
        if (base.isEmpty()) {
            base = "http://localhost:" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
