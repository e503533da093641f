package org.switchboard.server.phonecall;

import java.time.Instant;

/** A CSV import of a call list and how far it got: the progress bar reads bytesRead / bytesTotal. */
public record ImportJob(long id, long campaignId, String fileName, State state, long bytesRead, long bytesTotal, int rowsDone, int created,
        int matched, int rejected, String error, Instant createdAt, Instant finishedAt) {

    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    public int percent() {
        if (state != State.RUNNING) {
            return 100;
        }
        return bytesTotal == 0 ? 0 : (int) Math.min(99, 100 * bytesRead / bytesTotal);
    }

    /** One row of the report: CREATED (call and new partner), MATCHED (call for an existing partner) or REJECTED with the reason. */
    public record Row(long line, String outcome, Long callId, String reason) {
    }
}
