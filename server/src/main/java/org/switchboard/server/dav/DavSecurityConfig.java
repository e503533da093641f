package org.switchboard.server.dav;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.switchboard.server.security.ApiTokenFilter;
import org.switchboard.server.security.ApiTokens;
import org.switchboard.server.security.ProblemResponses;
import org.switchboard.server.security.TokenScopes;
import org.switchboard.server.security.VerifiedPasswords;

/**
 * The DAV door, in front of the API and UI chains: stateless HTTP Basic (or an API token as
 * {@code Authorization: Bearer}) on every request, no session, no CSRF (no cookie ever authenticates a
 * DAV request, so there is nothing to forge). A missing or wrong password gets 401 with a Basic
 * challenge, which is what makes DAV clients ask for credentials.
 */
@Configuration
class DavSecurityConfig {
    static final String REALM = "Switchboard";
    /** The WebDAV (RFC 4918), CalDAV (RFC 4791) and extended MKCOL (RFC 5689) methods the engine answers. */
    static final List<String> DAV_METHODS = List.of("PROPFIND", "PROPPATCH", "REPORT", "MKCALENDAR", "MKCOL");

    @Bean
    @Order(0)
    SecurityFilterChain dav(HttpSecurity http, VerifiedPasswords passwords, ApiTokens tokens, ProblemResponses problems)
            throws Exception {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName(REALM);
        http.securityMatcher("/dav", "/dav/**", "/.well-known/caldav", "/.well-known/carddav")
                .authorizeHttpRequests(a -> a
                        // discovery redirects and OPTIONS need no user (the engine answers them anonymously)
                        .requestMatchers("/.well-known/caldav", "/.well-known/carddav", "/dav/.well-known/**").permitAll()
                        .requestMatchers(HttpMethod.OPTIONS).permitAll()
                        // a token issued to a mail add-in is not a DAV client's key
                        .anyRequest().access(TokenScopes.unlimited()))
                .authenticationManager(new ProviderManager(passwords))
                .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(challenge))
                .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(challenge));
        return http.build();
    }

    /**
     * Spring Security's firewall lets only the common HTTP methods through; DAV needs its own. The
     * firewall is global, so this adds the DAV methods to its list and changes nothing else.
     */
    @Bean
    WebSecurityCustomizer davMethods() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(Stream.concat(
                Stream.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"), DAV_METHODS.stream()).toList());
        return web -> web.httpFirewall(firewall);
    }
}
