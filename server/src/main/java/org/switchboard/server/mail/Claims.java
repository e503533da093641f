package org.switchboard.server.mail;

/**
 * How several nodes share the spool and the outbox: a node locks the row it works on and skips rows other
 * nodes hold, so no row is handed out twice and nobody waits. PostgreSQL and H2 2.x (checked with 2.4:
 * a second connection gets the next row at once) both understand the same clause; if a database ever
 * does not, this is the one place to change.
 */
final class Claims {
    static final String SKIP_LOCKED = " FOR UPDATE SKIP LOCKED";

    private Claims() {
    }
}
