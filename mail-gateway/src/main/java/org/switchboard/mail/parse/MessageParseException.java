package org.switchboard.mail.parse;

/** The message could not be parsed within the limits; the router turns it into a dead letter. */
public class MessageParseException extends Exception {
    public MessageParseException(String message, Throwable cause) {
        super(message, cause);
    }

    public MessageParseException(String message) {
        super(message);
    }
}
