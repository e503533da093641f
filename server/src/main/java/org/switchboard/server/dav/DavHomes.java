package org.switchboard.server.dav;

import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.switchboard.dav.spi.CollectionKind;
import org.switchboard.dav.spi.CollectionProps;
import org.switchboard.dav.spi.DavPrincipal;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * Who the DAV principals are: the active CRM users, each with a home {@code /dav/<username>/} holding her
 * personal calendar, created on first access. The home {@code company} is the system home of the shared
 * company calendar; the user name {@code company} is therefore reserved for DAV (such a user gets no home).
 */
@Component
class DavHomes {
    static final String COMPANY = "company";
    static final String PERSONAL_CALENDAR = "calendar";
    /** Her own address book, next to the CRM's ({@code crm-contacts}): private cards the CRM never reads. */
    static final String PERSONAL_CONTACTS = "contacts";
    private final UserRepository users;
    private final DavCollectionRepository collections;

    DavHomes(UserRepository users, DavCollectionRepository collections) {
        this.users = users;
        this.collections = collections;
    }

    Optional<DavPrincipal> principal(String username) {
        return activeUser(username).map(u -> new DavPrincipal(u.username(), u.displayName(),
                u.email() == null || u.email().isBlank() ? List.of() : List.of(u.email())));
    }

    Optional<Long> userId(String username) {
        return activeUser(username).map(User::id);
    }

    /**
     * Creates {@code /dav/<username>/calendar/} if she has none (her colour, "&lt;Name&gt;'s calendar"), and her
     * personal address book {@code /dav/<username>/contacts/}.
     * Two first requests at once may both try: the unique (home, name) lets one win, the other is fine.
     *
     * @return true when the user exists and the calendar exists now
     */
    boolean ensurePersonalCollections(String username) {
        Optional<User> user = activeUser(username);
        if (user.isEmpty()) {
            return false;
        }
        if (collections.find(username, PERSONAL_CALENDAR).isEmpty()) {
            User u = user.get();
            try {
                collections.insert(username, PERSONAL_CALENDAR, u.id(), CollectionKind.CALENDAR,
                        new CollectionProps(u.displayName() + "'s calendar", null, u.color(), null, null));
            } catch (DuplicateKeyException e) {
                // created by a concurrent request
            }
        }
        if (collections.find(username, PERSONAL_CONTACTS).isEmpty()) {
            try {
                collections.insert(username, PERSONAL_CONTACTS, user.get().id(), CollectionKind.ADDRESS_BOOK,
                        new CollectionProps(user.get().displayName() + "'s contacts", null, null, null, null));
            } catch (DuplicateKeyException e) {
                // created by a concurrent request
            }
        }
        return true;
    }

    private Optional<User> activeUser(String username) {
        if (username == null || COMPANY.equals(username)) {
            return Optional.empty();
        }
        return users.findByUsername(username).filter(User::active);
    }
}
