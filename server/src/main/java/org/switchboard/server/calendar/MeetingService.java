package org.switchboard.server.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.dav.DavConfig;
import org.switchboard.dav.DavObjects;
import org.switchboard.dav.ical.ICalObject;
import org.switchboard.dav.ical.InvalidObjectException;
import org.switchboard.dav.ical.TooManyInstancesException;
import org.switchboard.dav.spi.DavObject;
import org.switchboard.dav.spi.WriteCondition;
import org.switchboard.dav.spi.WriteResult;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Versions;
import org.switchboard.server.dav.DavObjectStore;
import org.switchboard.server.opportunity.OpportunityRepository;
import org.switchboard.server.partner.EmailAddress;
import org.switchboard.server.partner.Partner;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.Team;
import org.switchboard.server.team.TeamRepository;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * Meetings through the API. The API never writes the meeting table itself: it writes the event into the
 * company calendar, exactly as a CalDAV client would, and {@link MeetingFollower} derives the row in the
 * same transaction. So there is one path from an event to a meeting, whoever made the event.
 *
 * <p>Like the company calendar, which every user reads and writes over CalDAV, every user may plan, change
 * and delete meetings.
 */
@Service
public class MeetingService {
    /** The most meetings one list returns: a calendar view asks for a month at most. */
    static final int MAX_LIST = 2000;
    static final int MAX_INSTANCES = DavConfig.defaults().maxInstances();
    private final MeetingRepository meetings;
    private final DavObjectStore store;
    private final UserRepository users;
    private final PartnerRepository partners;
    private final OpportunityRepository cases;
    private final TeamRepository teams;

    MeetingService(MeetingRepository meetings, DavObjectStore store, UserRepository users, PartnerRepository partners,
            OpportunityRepository cases, TeamRepository teams) {
        this.meetings = meetings;
        this.store = store;
        this.users = users;
        this.partners = partners;
        this.cases = cases;
        this.teams = teams;
    }

    public Meeting get(long id) {
        return stored(id).meeting();
    }

    /** Meetings overlapping [from, to): everyone's ({@code userIds} null) or those organized or attended by these users. */
    public List<Meeting> list(Instant from, Instant to, Collection<Long> userIds) {
        if (from == null || to == null) {
            throw ApiException.invalid(from == null ? "from" : "to", "from and to are required");
        }
        if (!to.isAfter(from)) {
            throw ApiException.invalid("to", "to must be after from");
        }
        if (Duration.between(from, to).toDays() > 366) {
            throw ApiException.invalid("to", "a list spans at most 366 days");
        }
        return meetings.overlapping(from, to, userIds, MAX_LIST).stream().map(StoredMeeting::meeting).toList();
    }

    /** The members of a team, for team lists. */
    public List<Long> teamMembers(long teamId) {
        Team t = teams.find(teamId).orElseThrow(() -> ApiException.invalid("teamId", "team " + teamId + " does not exist"));
        Set<Long> ids = new LinkedHashSet<>(t.memberIds());
        if (t.leaderId() != null) {
            ids.add(t.leaderId());
        }
        return List.copyOf(ids);
    }

    /** A meeting another feature plans (a phone call's "schedule a meeting"); {@code end} null: one hour. */
    public record Planned(String title, Instant start, Instant end, Long partnerId, Long caseId, String description,
            List<MeetingAttendee> attendees) {
    }

    /** Plans a meeting organized by {@code actor}, as if created through the API (history, company calendar). */
    @Transactional
    public Meeting plan(SwitchboardUser actor, Planned p) {
        MeetingDraft d = new MeetingDraft();
        d.title = p.title();
        d.start = p.start();
        d.end = p.end();
        d.partnerId = p.partnerId();
        d.caseId = p.caseId();
        d.description = p.description();
        d.attendees = p.attendees();
        return create(actor, d);
    }

    @Transactional
    Meeting create(SwitchboardUser actor, MeetingDraft d) {
        if (d.organizerId == null) {
            d.organizerId = actor.id();
        }
        d.check(null);
        String uid = UUID.randomUUID().toString();
        String name = uid + ".ics";
        DavObject object = object(name, MeetingIcs.write(null, uid, d, organizer(d), attendees(d), Instant.now()));
        WriteResult r = store.put(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS, object, new WriteCondition(null, true));
        if (r.status() != WriteResult.Status.CREATED) {
            throw new IllegalStateException("the company calendar refused a new meeting: " + r.status());
        }
        return meetings.findByObject(companyCalendarId(), name).orElseThrow().meeting();
    }

    @Transactional
    Meeting update(SwitchboardUser actor, long id, MeetingDraft d, Duration keptLength, Versions.ClaimedVersion claimed) {
        StoredMeeting before = stored(id);
        claimed.check(before.meeting().version());
        d.check(keptLength);
        DavObject current = store.get(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS, before.objectName())
                .orElseThrow(() -> ApiException.notFound("meeting", id));
        DavObject object = object(before.objectName(),
                MeetingIcs.write(current.data(), before.meeting().uid(), d, organizer(d), attendees(d), Instant.now()));
        // the ETag the row was read from: a client's change since then makes this a stale update, not a lost one
        WriteResult r = store.put(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS, object, new WriteCondition(before.etag(), false));
        if (r.status() == WriteResult.Status.PRECONDITION_FAILED) {
            throw new ApiException(claimed.staleStatus(), "the meeting changed since you read it: read it again", null);
        }
        return get(id);
    }

    @Transactional
    public void delete(SwitchboardUser actor, long id, Versions.ClaimedVersion claimed) {
        StoredMeeting before = stored(id);
        if (claimed != null) {
            claimed.check(before.meeting().version());
        }
        WriteResult r = store.delete(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS, before.objectName(),
                new WriteCondition(before.etag(), false));
        if (r.status() == WriteResult.Status.PRECONDITION_FAILED) {
            throw new ApiException(claimed != null ? claimed.staleStatus() : HttpStatus.CONFLICT,
                    "the meeting changed since you read it: read it again", null);
        }
    }

    private StoredMeeting stored(long id) {
        return meetings.find(id).orElseThrow(() -> ApiException.notFound("meeting", id));
    }

    private long companyCalendarId() {
        return store.collectionId(DavObjectStore.COMPANY_HOME, DavObjectStore.COMPANY_MEETINGS).orElseThrow();
    }

    /** The bytes as the engine would take them from a client: parsed, indexed, recurrence bounded. */
    private static DavObject object(String name, byte[] data) {
        try {
            DavObject o = DavObjects.calendarObject(name, data, MAX_INSTANCES);
            Instant first = o.index().firstStart();
            if (first != null) {
                ICalObject.parse(data).instances(first, first.plusSeconds(366L * 86_400), MAX_INSTANCES);
            }
            return o;
        } catch (InvalidObjectException e) {
            throw ApiException.invalid("recurrence", "the meeting is not a valid event: " + e.getMessage());
        } catch (TooManyInstancesException e) {
            throw ApiException.invalid("recurrence", "the recurrence repeats more than " + MAX_INSTANCES + " times in a year");
        }
    }

    private MeetingIcs.Person organizer(MeetingDraft d) {
        User u = users.find(d.organizerId).filter(User::active)
                .orElseThrow(() -> ApiException.invalid("organizerId", "user " + d.organizerId + " does not exist"));
        return u.email() == null || invitable(u.email()) == null ? null : new MeetingIcs.Person(invitable(u.email()), u.displayName());
    }

    /** Checks the links and turns users and partners into addresses: an attendee is an address in iCalendar. */
    private List<MeetingIcs.Person> attendees(MeetingDraft d) {
        if (d.caseId != null && cases.find(d.caseId).isEmpty()) {
            throw ApiException.invalid("caseId", "opportunity " + d.caseId + " does not exist");
        }
        if (d.partnerId != null && partners.find(d.partnerId).isEmpty()) {
            throw ApiException.invalid("partnerId", "partner " + d.partnerId + " does not exist");
        }
        List<MeetingIcs.Person> out = new ArrayList<>();
        for (int i = 0; i < d.attendees.size(); i++) {
            MeetingAttendee a = d.attendees.get(i);
            String field = "attendees[" + i + "]";
            if (a.userId() != null) {
                User u = users.find(a.userId()).filter(User::active)
                        .orElseThrow(() -> ApiException.invalid(field, field + ": user " + a.userId() + " does not exist"));
                if (u.email() == null || invitable(u.email()) == null) {
                    throw ApiException.invalid(field, field + ": " + u.displayName() + " has no email address to invite");
                }
                out.add(new MeetingIcs.Person(invitable(u.email()), u.displayName()));
            } else if (a.partnerId() != null) {
                Partner p = partners.find(a.partnerId())
                        .orElseThrow(() -> ApiException.invalid(field, field + ": partner " + a.partnerId() + " does not exist"));
                if (p.emails().isEmpty() || invitable(p.emails().get(0)) == null) {
                    throw ApiException.invalid(field, field + ": " + p.name() + " has no email address to invite");
                }
                out.add(new MeetingIcs.Person(invitable(p.emails().get(0)), p.name()));
            } else {
                String email = EmailAddress.normalize(a.email());
                if (email == null) {
                    throw ApiException.invalid(field + ".email", field + ": " + a.email() + " is not an email address");
                }
                out.add(new MeetingIcs.Person(email, a.name()));
            }
        }
        return out;
    }

    /** The address as partner_email and the follower compare it (lower case, IDN in ASCII); null when it is none. */
    private static String invitable(String email) {
        return EmailAddress.normalize(email);
    }
}
