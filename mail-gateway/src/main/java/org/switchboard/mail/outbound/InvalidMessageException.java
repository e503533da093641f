package org.switchboard.mail.outbound;

/** The outbox message cannot be sent as it is (bad header value or address); retrying will not help. */
public class InvalidMessageException extends RuntimeException {
    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
