package org.switchboard.server.security;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.switchboard.server.user.UserRepository;

/** Loads users for form login and HTTP Basic. */
@Service
public class UserAccounts implements UserDetailsService {
    private final UserRepository users;

    public UserAccounts(UserRepository users) {
        this.users = users;
    }

    @Override
    public SwitchboardUser loadUserByUsername(String username) {
        return users.findByUsername(username)
                .map(u -> SwitchboardUser.of(u, users.passwordHash(username).orElse(null)))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
