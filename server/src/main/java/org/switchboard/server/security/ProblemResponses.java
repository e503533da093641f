package org.switchboard.server.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 from the security filters as problem+json, like every other API error. */
@Component
public class ProblemResponses {

    public AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\", Bearer");
            write(response, 401, "Unauthorized", "log in with HTTP Basic or an API token (Authorization: Bearer …)");
        };
    }

    public AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, 403, "Forbidden", "your role does not allow this");
    }

    void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}
