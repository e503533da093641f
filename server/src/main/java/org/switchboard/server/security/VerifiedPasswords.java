package org.switchboard.server.security;

import org.switchboard.server.storage.Sha256;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * HTTP Basic for DAV clients and API scripts, which send the password on every request (a DAV sync is
 * dozens of requests): checking a bcrypt hash each time costs ~50 ms of CPU. A verified user name and password are remembered
 * for a short while, keyed by the name and a SHA-256 of the password (the password itself is never
 * kept). A changed password or a deactivated user therefore takes effect within {@link #TTL}.
 */
@Component
public class VerifiedPasswords implements AuthenticationProvider {
    static final Duration TTL = Duration.ofSeconds(60);
    private final DaoAuthenticationProvider passwords;
    private final Cache<String, Authentication> verified = Caffeine.newBuilder()
            .expireAfterWrite(TTL).maximumSize(10_000).build();

    public VerifiedPasswords(UserDetailsService users, PasswordEncoder encoder) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication request) {
        if (!(request.getCredentials() instanceof String password)) {
            return null;
        }
        String key = request.getName() + '\u0000' + Sha256.hex(password);
        Authentication known = verified.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Authentication result = passwords.authenticate(request);
        // a copy without the password: the cache holds no password, only its digest in the key
        Authentication kept = UsernamePasswordAuthenticationToken.authenticated(result.getPrincipal(), null, result.getAuthorities());
        verified.put(key, kept);
        return kept;
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }

}
