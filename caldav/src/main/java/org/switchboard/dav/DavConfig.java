package org.switchboard.dav;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.function.Function;

/**
 * Engine settings. Start from {@link #defaults()} and change what you need with the {@code with*} methods.
 *
 * @param pathPrefix      where the servlet is mounted ("" at the root; "/dav" if mapped to /dav/*)
 * @param maxRequestBody  largest XML request body in bytes (413 above)
 * @param maxResourceSize largest iCalendar/vCard body in bytes (413 with max-resource-size above)
 * @param maxInstances    most recurrence instances one object may expand to in one request or index
 * @param userResolver    extracts the authenticated user from the request; default
 *                        {@code getUserPrincipal().getName()}, then {@code getRemoteUser()}
 * @param realm           Basic realm announced with 401 when no user is authenticated
 */
public record DavConfig(String pathPrefix, int maxRequestBody, int maxResourceSize, int maxInstances,
                        Function<HttpServletRequest, String> userResolver, String realm) {

    public static DavConfig defaults() {
        return new DavConfig("", 1 << 20, 10 << 20, 50_000, DavConfig::authenticatedUser, "Switchboard");
    }

    public DavConfig withPathPrefix(String p) { return new DavConfig(p, maxRequestBody, maxResourceSize, maxInstances, userResolver, realm); }
    public DavConfig withMaxRequestBody(int n) { return new DavConfig(pathPrefix, n, maxResourceSize, maxInstances, userResolver, realm); }
    public DavConfig withMaxResourceSize(int n) { return new DavConfig(pathPrefix, maxRequestBody, n, maxInstances, userResolver, realm); }
    public DavConfig withMaxInstances(int n) { return new DavConfig(pathPrefix, maxRequestBody, maxResourceSize, n, userResolver, realm); }
    public DavConfig withUserResolver(Function<HttpServletRequest, String> r) { return new DavConfig(pathPrefix, maxRequestBody, maxResourceSize, maxInstances, r, realm); }

    static String authenticatedUser(HttpServletRequest req) {
        Principal p = req.getUserPrincipal();
        if (p != null && p.getName() != null) return p.getName();
        return req.getRemoteUser();
    }
}
