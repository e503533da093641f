package org.switchboard.server.dav;

/**
 * Lets a feature follow the objects of stored collections without the caldav engine knowing about it
 * (the CRM meetings follow the company calendar). Called inside the write's transaction, with the
 * collection row locked, after the object row is written: what the listener writes commits or rolls back
 * with the object, and writers of one collection reach it one at a time. A listener must not fail on
 * content it does not understand (the engine already validated the iCalendar): an exception turns the
 * client's PUT or DELETE into a 500 and undoes it.
 */
public interface DavWriteListener {
    void changed(DavObjectChange change);
}
