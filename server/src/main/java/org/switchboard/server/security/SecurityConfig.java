package org.switchboard.server.security;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Two doors. The API ({@code /api/v1/**} and the add-ins' {@code /api/connector/**}) is stateless: HTTP
 * Basic or an API token on every call, no session cookie, hence no CSRF exposure. A connector-scoped token
 * is held to {@link TokenScopes}. The web UI uses form login with a session and CSRF tokens; its
 * {@code /connect/authorize} page is where a user lets an add-in in (ADR 0009).
 */
@Configuration
public class SecurityConfig {

    /**
     * No observations of the security filter chain. They time every filter of every request and count
     * an event before and after each one: in the call-centre benchmark more allocation per request than
     * the request's own work, and more young collections in the operators' tail latency. Each request is
     * still timed as a whole ({@code http.server.requests}); failed logins are in the log.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, VerifiedPasswords passwords, ProblemResponses problems,
            @Qualifier("connectorCors") CorsConfigurationSource connectorCors) throws Exception {
        http.securityMatcher("/api/v1/**", "/api/connector/**")
                .authenticationManager(new ProviderManager(passwords))
                // Only the add-ins' API answers cross-origin calls, and only from the configured origins.
                .cors(c -> c.configurationSource(connectorCors))
                .authorizeHttpRequests(a -> a
                        // The add-in exchanges its one-time code here: it has no credentials yet.
                        .requestMatchers(HttpMethod.POST, "/api/connector/token").permitAll()
                        .requestMatchers("/api/connector/**").authenticated()
                        .requestMatchers(TokenScopes.CONNECTOR_READ_METHOD, TokenScopes.CONNECTOR_READABLE).authenticated()
                        .anyRequest().access(TokenScopes.unlimited()))
                .httpBasic(b -> b.authenticationEntryPoint(problems.unauthorized()))
                .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless: no cookie ever authenticates an API call, so there is nothing to forge.
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems.unauthorized()).accessDeniedHandler(problems.forbidden()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
                        // Where an add-in's login ends: shows the one-time code (useless without the add-in's verifier).
                        .requestMatchers("/connect/done").permitAll()
                        // The add-ins themselves: installed before anyone logs in from them.
                        .requestMatchers("/connectors/**").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/api/docs", "/api/docs/**", "/api/swagger-ui/**", "/api/openapi.json", "/api/openapi.json/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // the mail pages (mail/MailPages): routing decisions, dead letters, aliases
                        .requestMatchers("/mail/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // Prometheus scrapes with Basic credentials.
                .httpBasic(b -> { });
        return http.build();
    }
}
