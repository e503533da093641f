package org.switchboard.server.opportunity;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Cursor;
import org.switchboard.server.api.Page;
import org.switchboard.server.security.SwitchboardUser;

/**
 * The lists of the sales menus, for the API and the web UI alike: My Open Opportunities, Unassigned
 * Opportunities, and All (leads or opportunities) with filters. Pages are keyset-paged; the total is
 * counted on the first page only, and capped.
 */
@Service
public class OpportunityLists {
    private final OpportunityRepository cases;
    private final long countCap;
    private final int defaultPageSize;

    public OpportunityLists(OpportunityRepository cases, @Value("${switchboard.lists.count-cap:10000}") long countCap,
            @Value("${switchboard.lists.page-size:80}") int defaultPageSize) {
        this.cases = cases;
        this.countCap = countCap;
        this.defaultPageSize = defaultPageSize;
    }

    /** Filters as they arrive from a request; {@code responsible} is a user id, "me" or "none". */
    public record Filters(CaseType type, List<CaseState> states, Boolean open, Long stageId, Long teamId, String responsible,
            Long partnerId, String category, String text, ListSort sort, String after) {
        public static Filters none() {
            return new Filters(null, null, null, null, null, null, null, null, null, ListSort.NEWEST, null);
        }

        public Filters withAfter(String cursor) {
            return new Filters(type, states, open, stageId, teamId, responsible, partnerId, category, text, sort, cursor);
        }
    }

    public Page<Opportunity> page(SwitchboardUser actor, String view, Filters f, Integer limit) {
        int size = limit == null ? defaultPageSize : limit;
        if (size < 1 || size > 500) {
            throw ApiException.invalid("limit", "limit must be from 1 to 500");
        }
        ListSort sort = f.sort() == null ? ListSort.NEWEST : f.sort();
        List<String> after = f.after() == null || f.after().isBlank() ? null : Cursor.decode(f.after(), sort.cursorKeys());
        String text = f.text() == null || f.text().isBlank() ? null : f.text().trim();
        if (text != null && text.length() > 200) {
            throw ApiException.invalid("q", "the search text is at most 200 characters");
        }
        List<CaseState> states = f.states() == null ? List.of() : f.states();
        OpportunityQuery query = switch (view) {
            case "mine" -> new OpportunityQuery(CaseType.OPPORTUNITY, actor.id(), false, true, states, f.stageId(), f.teamId(),
                    f.partnerId(), f.category(), text, sort, after);
            case "unassigned" -> new OpportunityQuery(CaseType.OPPORTUNITY, null, true, true, states, f.stageId(), f.teamId(),
                    f.partnerId(), f.category(), text, sort, after);
            case "all" -> new OpportunityQuery(f.type(), responsibleId(actor, f.responsible()), "none".equals(f.responsible()), f.open(),
                    states, f.stageId(), f.teamId(), f.partnerId(), f.category(), text, sort, after);
            default -> throw ApiException.invalid("view", "view must be mine, unassigned or all");
        };
        if (after == null && text != null) {
            // A search's first page: one scan yields the page and its count (each scan is the costly part).
            List<Long> ids = cases.firstIds(query, countCap);
            List<Opportunity> items = cases.findAll(ids.subList(0, Math.min(size, ids.size())));
            String next = ids.size() > size ? sort.cursorAfter(items.get(items.size() - 1)) : null;
            return Page.of(items, next).withTotal(Math.min(ids.size(), countCap), ids.size() > countCap);
        }
        List<Opportunity> rows = cases.list(query, size + 1);
        boolean more = rows.size() > size;
        List<Opportunity> items = more ? rows.subList(0, size) : rows;
        Page<Opportunity> page = Page.of(items, more ? sort.cursorAfter(items.get(items.size() - 1)) : null);
        if (after == null) {
            long total = more ? cases.count(query, countCap) : items.size();
            page = page.withTotal(Math.min(total, countCap), total > countCap);
        }
        return page;
    }

    private static Long responsibleId(SwitchboardUser actor, String responsible) {
        if (responsible == null || responsible.isBlank() || "none".equals(responsible)) {
            return null;
        }
        if ("me".equals(responsible)) {
            return actor.id();
        }
        try {
            return Long.parseLong(responsible);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("responsibleId", "responsibleId must be a user id, me or none");
        }
    }
}
