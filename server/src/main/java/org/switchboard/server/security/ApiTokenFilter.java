package org.switchboard.server.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer sb_…}: authenticates an API call with a per-user token, granting its scope as an authority. */
public class ApiTokenFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;
    private final ProblemResponses problems;

    public ApiTokenFilter(ApiTokens tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var bearer = tokens.authenticate(header.substring(7).trim());
            if (bearer.isEmpty()) {
                problems.write(response, 401, "Unauthorized", "the API token is unknown, revoked or expired");
                return;
            }
            SwitchboardUser user = bearer.get().user();
            List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
            authorities.add(TokenScopes.authority(bearer.get().scope()));
            var auth = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }
}
