package org.switchboard.dav;

import javax.xml.namespace.QName;

/**
 * An HTTP error answer. With a {@code precondition}, the body is a DAV:error element naming it
 * (RFC 4918 §16); {@code detail} is extra XML put inside that element (e.g. an href).
 */
public class DavException extends Exception {
    private final int status;
    private final QName precondition;
    private final String detail;

    public DavException(int status, String message) { this(status, null, null, message); }

    public DavException(int status, QName precondition, String message) { this(status, precondition, null, message); }

    public DavException(int status, QName precondition, String detailXml, String message) {
        super(message, null, false, false);
        this.status = status;
        this.precondition = precondition;
        this.detail = detailXml;
    }

    public int status() { return status; }
    public QName precondition() { return precondition; }
    public String detail() { return detail; }
}
