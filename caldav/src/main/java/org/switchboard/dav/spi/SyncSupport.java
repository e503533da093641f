package org.switchboard.dav.spi;

import java.util.List;
import java.util.Optional;

/** RFC 6578 sync-collection from a durable change log. Without it the engine offers getctag only. */
public interface SyncSupport {

    /**
     * Changes since {@code token}, at most {@code limit} hrefs (limit &lt;= 0: no limit).
     * A null token is the initial sync: every current member is "changed".
     *
     * @return empty if the token is unknown or expired (the engine answers 403 DAV:valid-sync-token)
     */
    Optional<Changes> changesSince(DavCollection collection, String token, int limit);

    /**
     * @param newToken  the token to hand back; with {@code truncated}, the token up to the last change returned
     * @param changed   names added or modified
     * @param deleted   names removed (tombstones)
     * @param truncated true if more changes remain (the engine adds a 507 response, RFC 6578 §3.6)
     */
    record Changes(String newToken, List<String> changed, List<String> deleted, boolean truncated) {}
}
