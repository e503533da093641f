package org.switchboard.dav.xml;

import javax.xml.namespace.QName;

/** Namespaces and element names used by WebDAV, CalDAV, CardDAV and the de-facto extensions. */
public final class Ns {
    private Ns() {}

    public static final String DAV = "DAV:";
    public static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    public static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";
    public static final String CS = "http://calendarserver.org/ns/";
    public static final String APPLE = "http://apple.com/ns/ical/";

    public static QName dav(String local) { return new QName(DAV, local); }
    public static QName cal(String local) { return new QName(CALDAV, local); }
    public static QName card(String local) { return new QName(CARDDAV, local); }
    public static QName cs(String local) { return new QName(CS, local); }
    public static QName apple(String local) { return new QName(APPLE, local); }

    /** The prefix the writer declares on the multistatus root, or null. */
    static String prefix(String ns) {
        return switch (ns) {
            case DAV -> "d";
            case CALDAV -> "c";
            case CARDDAV -> "card";
            case CS -> "cs";
            case APPLE -> "ical";
            default -> null;
        };
    }

    static final String DECLARATIONS = " xmlns:d=\"DAV:\" xmlns:c=\"" + CALDAV + "\" xmlns:card=\"" + CARDDAV
            + "\" xmlns:cs=\"" + CS + "\" xmlns:ical=\"" + APPLE + "\"";
}
