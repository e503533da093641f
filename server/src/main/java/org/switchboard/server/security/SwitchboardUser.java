package org.switchboard.server.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.switchboard.server.user.Role;
import org.switchboard.server.user.User;

/** The authenticated principal: who is acting, with which role. Services take it as the actor. */
public record SwitchboardUser(long id, String username, String displayName, Role role, String passwordHash, boolean active)
        implements UserDetails {

    public static SwitchboardUser of(User user, String passwordHash) {
        return new SwitchboardUser(user.id(), user.username(), user.displayName(), user.role(), passwordHash, user.active());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    /** Without the password hash, for logs and toString. */
    @Override
    public String toString() {
        return "SwitchboardUser[" + username + ", " + role + "]";
    }
}
