package org.switchboard.dav.ical;

import javax.xml.namespace.QName;

/** An iCalendar or vCard body that breaks a precondition; {@code precondition} names it. */
public class InvalidObjectException extends Exception {
    private final QName precondition;

    public InvalidObjectException(QName precondition, String message) {
        super(message, null, false, false);
        this.precondition = precondition;
    }

    public QName precondition() { return precondition; }
}
