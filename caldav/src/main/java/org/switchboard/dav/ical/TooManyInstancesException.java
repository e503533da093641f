package org.switchboard.dav.ical;

/** A recurrence rule that would expand beyond the configured bound: answered cleanly, never expanded. */
public class TooManyInstancesException extends RuntimeException {
    public TooManyInstancesException(String message) { super(message, null, false, false); }
}
