package org.switchboard.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The Basic credential cache: a verified password is not checked again, a wrong one never passes. */
class VerifiedPasswordsTest {
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final String hash = encoder.encode("right-password");
    private final AtomicInteger lookups = new AtomicInteger();
    private final UserDetailsService users = name -> {
        lookups.incrementAndGet();
        if (!name.equals("alice")) {
            throw new UsernameNotFoundException(name);
        }
        return User.withUsername("alice").password(hash).roles("SALESPERSON").build();
    };
    private final VerifiedPasswords credentials = new VerifiedPasswords(users, encoder);

    private Authentication login(String user, String password) {
        return credentials.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password));
    }

    @Test
    void aVerifiedPasswordIsRememberedWithoutKeepingIt() {
        Authentication first = login("alice", "right-password");
        assertThat(first.isAuthenticated()).isTrue();
        assertThat(first.getName()).isEqualTo("alice");
        assertThat(first.getCredentials()).isNull();
        Authentication second = login("alice", "right-password");
        assertThat(second.getName()).isEqualTo("alice");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndRefused() {
        login("alice", "right-password");
        assertThatThrownBy(() -> login("alice", "wrong-password")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login("alice", "wrong-password")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login("mallory", "right-password")).isInstanceOf(BadCredentialsException.class);
        assertThat(lookups).hasValue(4);
    }
}
