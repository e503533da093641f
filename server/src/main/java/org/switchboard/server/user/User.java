package org.switchboard.server.user;

import java.time.Instant;

/** A person who logs in. The password hash never leaves the repository through this record. */
public record User(long id, String username, String displayName, String email, Role role, String color,
        boolean active, Instant createdAt) {
}
