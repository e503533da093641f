package org.switchboard.server.security;

import java.util.Locale;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * What a token's scope lets it do. A {@code connector} token (issued to a mail add-in, ADR 0009) calls the
 * connector API and reads the few resources an add-in shows (the user, teams, stages, cases, partners);
 * everything else, above all users, tokens, mail administration and DAV, is refused with 403. Passwords
 * and {@code api} tokens are not limited here: their user's role decides, as before.
 */
public final class TokenScopes {
    /** GET only, for a connector token, besides /api/connector/**. */
    public static final String[] CONNECTOR_READABLE = {"/api/v1/users/me", "/api/v1/teams", "/api/v1/teams/*", "/api/v1/stages",
            "/api/v1/opportunities", "/api/v1/opportunities/*", "/api/v1/opportunities/*/history", "/api/v1/partners",
            "/api/v1/partners/*", "/api/v1/partners/*/contacts", "/api/v1/partners/*/events"};
    public static final HttpMethod CONNECTOR_READ_METHOD = HttpMethod.GET;
    private static final GrantedAuthority CONNECTOR = authority(ApiTokens.CONNECTOR_SCOPE);
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private TokenScopes() {
    }

    static GrantedAuthority authority(String scope) {
        return new SimpleGrantedAuthority("SCOPE_" + scope.toLowerCase(Locale.ROOT));
    }

    /** Authenticated, and not by a token limited to the connector. Anonymous callers are sent to log in (401). */
    public static AuthorizationManager<RequestAuthorizationContext> unlimited() {
        return (authentication, context) -> {
            Authentication a = authentication.get();
            boolean authenticated = a != null && a.isAuthenticated() && !TRUST.isAnonymous(a);
            return new AuthorizationDecision(authenticated && !a.getAuthorities().contains(CONNECTOR));
        };
    }
}
