package org.switchboard.server.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.switchboard.server.dav.DavObjectChange;
import org.switchboard.server.dav.DavObjectStore;
import org.switchboard.server.dav.DavWriteListener;
import org.switchboard.server.opportunity.OpportunityRepository;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * Keeps the meetings in step with the company calendar: every write of a VEVENT to
 * {@code /dav/company/meetings/} — by a CalDAV client or by the meetings API, which writes there too —
 * derives the meeting row from the bytes, in the write's transaction (docs/adr/0008). Deleting the event,
 * or replacing it with something that is no event, deletes the meeting.
 *
 * <p>Who is who: the ORGANIZER and ATTENDEEs whose address is a user's are those users; an address of a
 * partner links that partner. The organizer defaults to whoever wrote the event. The case is the one named
 * by {@code X-SWITCHBOARD-CASE}; the partner the one named by {@code X-SWITCHBOARD-PARTNER}, else the first
 * attendee who is a partner, else the case's partner.
 */
@Component
class MeetingFollower implements DavWriteListener {
    private final MeetingRepository meetings;
    private final MeetingHistory history;
    private final UserRepository users;
    private final PartnerRepository partners;
    private final OpportunityRepository cases;
    private final MeetingInvitations invitations;

    MeetingFollower(MeetingRepository meetings, MeetingHistory history, UserRepository users, PartnerRepository partners,
            OpportunityRepository cases, MeetingInvitations invitations) {
        this.invitations = invitations;
        this.meetings = meetings;
        this.history = history;
        this.users = users;
        this.partners = partners;
        this.cases = cases;
    }

    @Override
    public void changed(DavObjectChange change) {
        if (!DavObjectStore.COMPANY_HOME.equals(change.home()) || !DavObjectStore.COMPANY_MEETINGS.equals(change.collection())) {
            return;
        }
        Optional<StoredMeeting> before = meetings.findByObject(change.collectionId(), change.name());
        Optional<EventReading> event = change.deleted() ? Optional.empty() : EventReading.of(change.object());
        SwitchboardUser actor = currentUser();
        if (event.isEmpty()) {
            before.ifPresent(b -> {
                meetings.delete(b.meeting().id());
                history.deleted(actor, b.meeting());
                invitations.deleted(actor, b.meeting());
            });
            return;
        }
        MeetingFields fields = fields(event.get(), change.object().etag(), actor, before.map(StoredMeeting::meeting).orElse(null));
        long id = meetings.save(change.collectionId(), change.name(), fields);
        Meeting after = meetings.find(id).orElseThrow().meeting();
        history.written(actor, before.map(StoredMeeting::meeting).orElse(null), after);
        invitations.written(actor, after, change.object().data());
    }

    private MeetingFields fields(EventReading e, String etag, SwitchboardUser actor, Meeting before) {
        Long organizer = null;
        if (e.organizerEmail() != null) {
            organizer = users.findActiveByEmail(e.organizerEmail()).map(User::id).orElse(null);
        }
        if (organizer == null) {
            organizer = before != null && before.organizerId() != null ? before.organizerId() : actor == null ? null : actor.id();
        }
        List<MeetingAttendee> attendees = new ArrayList<>();
        Partner firstPartner = null;
        for (EventReading.Attendee a : e.attendees()) {
            Optional<User> user = users.findActiveByEmail(a.email());
            Partner partner = user.isPresent() ? null : partners.findByEmail(a.email()).stream().findFirst().orElse(null);
            if (firstPartner == null) {
                firstPartner = partner;
            }
            attendees.add(new MeetingAttendee(user.map(User::id).orElse(null), partner == null ? null : partner.id(), a.email(),
                    a.name() != null ? a.name() : user.map(User::displayName).orElse(partner == null ? null : partner.name())));
        }
        Long caseId = null;
        Long casePartner = null;
        Long caseContact = null;
        if (e.caseId() != null) {
            var c = cases.find(e.caseId());
            if (c.isPresent()) {
                caseId = c.get().id();
                casePartner = c.get().partnerId();
                caseContact = c.get().contactId();
            }
        }
        Partner partner = e.partnerId() == null ? null : partners.find(e.partnerId()).orElse(null);
        if (partner == null) {
            partner = firstPartner;
        }
        Long partnerId;
        Long contactId;
        if (partner != null) {
            partnerId = partner.commercialId();
            contactId = partner.companyId() != null ? partner.id() : null;
        } else {
            partnerId = casePartner;
            contactId = caseContact;
        }
        return new MeetingFields(e.uid(), etag, e.title(), e.start(), e.end(), e.allDay(), e.lastEnd(), e.location(), e.description(),
                organizer, partnerId, contactId, caseId, e.categories(), e.state(), e.recurrence(), attendees);
    }

    /** The user whose request this is (DAV and API alike authenticate before the write), or null. */
    private static SwitchboardUser currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SwitchboardUser u ? u : null;
    }
}
