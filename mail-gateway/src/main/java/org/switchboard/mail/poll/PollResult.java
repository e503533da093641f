package org.switchboard.mail.poll;

import java.util.List;

/**
 * What one poll did.
 *
 * @param stored       newly stored in the spool (and then marked seen / deleted on the server)
 * @param redeliveries already in the spool (marked seen / deleted too)
 * @param leftOnServer messages not taken, with the reason (too big, spool unavailable); they are tried again
 */
public record PollResult(int stored, int redeliveries, List<String> leftOnServer) {

    public PollResult {
        leftOnServer = List.copyOf(leftOnServer);
    }
}
