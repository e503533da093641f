package org.switchboard.dav.spi;

/**
 * The outcome of a write.
 *
 * @param etag            the new ETag (CREATED/UPDATED)
 * @param conflictingName for UID_CONFLICT, the member that already has the UID
 */
public record WriteResult(Status status, String etag, String conflictingName) {
    public enum Status { CREATED, UPDATED, DELETED, NOT_FOUND, PRECONDITION_FAILED, UID_CONFLICT }

    public static WriteResult of(Status s) { return new WriteResult(s, null, null); }
    public static WriteResult written(boolean created, String etag) {
        return new WriteResult(created ? Status.CREATED : Status.UPDATED, etag, null);
    }
    public static WriteResult uidConflict(String name) { return new WriteResult(Status.UID_CONFLICT, null, name); }
}
