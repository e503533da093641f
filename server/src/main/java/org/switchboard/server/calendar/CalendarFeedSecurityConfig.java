package org.switchboard.server.calendar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The feed door, before the UI chain (which would redirect to the login page): the secret in the URL is
 * the credential, checked by {@link CalendarFeedEndpoint}. Stateless and read-only: GET and HEAD only,
 * no session, no CSRF (nothing here changes anything).
 */
@Configuration
class CalendarFeedSecurityConfig {

    @Bean
    @Order(-1)
    SecurityFilterChain calendarFeedChain(HttpSecurity http) throws Exception {
        http.securityMatcher(CalendarFeedEndpoint.PATH + "**")
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET).permitAll().requestMatchers(HttpMethod.HEAD).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable());
        return http.build();
    }
}
