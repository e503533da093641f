package org.switchboard.server.mail;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.Role;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * The author of what incoming mail does (new cases, EMAIL_IN entries): an inactive user without a password,
 * "Mail gateway", so the history names who acted and nobody can log in as it. It is created on first use,
 * never before the first administrator exists (that one is only created while no user exists).
 */
@Component
class MailActor {
    static final String USERNAME = "mail-gateway";
    private final UserRepository users;
    private final JdbcClient jdbc;
    private volatile SwitchboardUser actor;

    MailActor(UserRepository users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    /** Call outside a transaction (a failed insert would spoil it on PostgreSQL). */
    Optional<SwitchboardUser> get() {
        if (actor != null) {
            return Optional.of(actor);
        }
        Optional<User> user = users.findByUsername(USERNAME);
        if (user.isEmpty()) {
            if (users.count() == 0) {
                return Optional.empty();
            }
            try {
                long id = users.insert(USERNAME, "Mail gateway", null, Role.ADMIN, "#888a85", null);
                jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = ?").param(id).update();
            } catch (DuplicateKeyException raced) {
                // another node created it
            }
            user = users.findByUsername(USERNAME);
        }
        actor = user.map(u -> new SwitchboardUser(u.id(), u.username(), u.displayName(), Role.ADMIN, null, false)).orElse(null);
        return Optional.ofNullable(actor);
    }
}
