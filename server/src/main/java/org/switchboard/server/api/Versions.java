package org.switchboard.server.api;

import org.springframework.http.HttpStatus;

/**
 * Optimistic concurrency for updates: the client proves which version it read, either with
 * {@code If-Match: "<version>"} (the ETag we sent) or a {@code version} field in the body.
 * A stale If-Match is 412, a stale body version 409; an update that names neither is refused (428),
 * so no lost update can win silently.
 */
public final class Versions {
    private Versions() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** The version the client claims to have read, from If-Match or else the body's version field. */
    public static ClaimedVersion claimed(String ifMatch, Integer bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            try {
                return new ClaimedVersion(Integer.parseInt(tag), HttpStatus.PRECONDITION_FAILED);
            } catch (NumberFormatException e) {
                throw new ApiException(HttpStatus.PRECONDITION_FAILED, "If-Match " + ifMatch + " is not an ETag of this resource", null);
            }
        }
        if (bodyVersion != null) {
            return new ClaimedVersion(bodyVersion, HttpStatus.CONFLICT);
        }
        throw new ApiException(HttpStatus.PRECONDITION_REQUIRED,
                "send If-Match with the ETag you read, or the version field, so a concurrent change is not overwritten", "version");
    }

    /** A version the client read and the status to answer if it is stale. */
    public record ClaimedVersion(int version, HttpStatus staleStatus) {
        public void check(int current) {
            if (current != version) {
                throw new ApiException(staleStatus,
                        "the resource changed since you read it (you have version " + version + ", it is now " + current + "): read it again", null);
            }
        }
    }
}
