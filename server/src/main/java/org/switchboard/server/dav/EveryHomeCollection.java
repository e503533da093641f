package org.switchboard.server.dav;

/**
 * A stored collection of the system home ({@code /dav/company/<name>/}, hidden there) that every user sees in
 * her own home as {@code /dav/<user>/<name>/}: one set of objects, one change log, so its sync tokens are
 * those of any stored collection. Clients that name collections by their home (DAVx5, Apple) then find it
 * next to her personal address book. The CRM address book is one (contact/CrmAddressBook).
 *
 * <p>Its objects follow another source (CRM rows): {@link #catchUp} is called before the collection is handed
 * to the engine, so a request always sees the source as committed when it started. It must be cheap when
 * there is nothing to do.
 */
public interface EveryHomeCollection {
    /** The path segment; must start with {@code crm-} so users cannot take it. */
    String name();

    void catchUp();
}
