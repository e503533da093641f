package org.switchboard.mail.spi;

/**
 * A transient failure of the spool (database down, disk full, timeout). The listener answers
 * {@code 451 4.3.0} so the sending MTA retries later; a poller leaves the message on the remote server.
 */
public class SpoolUnavailableException extends Exception {
    public SpoolUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SpoolUnavailableException(String message) {
        super(message);
    }
}
