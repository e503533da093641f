package org.switchboard.server.opportunity;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.Page;
import org.switchboard.server.api.Versions;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.TeamRepository;
import org.switchboard.server.user.UserRepository;
import org.switchboard.server.web.FormJson;

/** The sales menus in the browser: the three lists, leads, quick create and the case form with its history. */
@Controller
public class OpportunityPages {
    private static final Set<String> NUMBERS = Set.of("partnerId", "contactId", "teamId", "responsibleId", "stageId", "probability",
            "expectedRevenue", "priority");
    private static final Set<String> LISTS = Set.of("categories");
    private final OpportunityLists lists;
    private final OpportunityService service;
    private final HistoryRepository history;
    private final TeamRepository teams;
    private final UserRepository users;

    public OpportunityPages(OpportunityLists lists, OpportunityService service, HistoryRepository history, TeamRepository teams,
            UserRepository users) {
        this.lists = lists;
        this.service = service;
        this.history = history;
        this.teams = teams;
        this.users = users;
    }

    @GetMapping("/opportunities/mine")
    public String mine(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) String after, Model model) {
        return list(me, "mine", "My Open Opportunities", OpportunityLists.Filters.none().withAfter(after), model);
    }

    @GetMapping("/opportunities/unassigned")
    public String unassigned(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) String after, Model model) {
        return list(me, "unassigned", "Unassigned Opportunities", OpportunityLists.Filters.none().withAfter(after), model);
    }

    @GetMapping("/opportunities")
    public String all(@AuthenticationPrincipal SwitchboardUser me, @RequestParam Map<String, String> params, Model model) {
        return list(me, "all", "All Opportunities", filters(CaseType.OPPORTUNITY, params), model);
    }

    @GetMapping("/leads")
    public String leads(@AuthenticationPrincipal SwitchboardUser me, @RequestParam Map<String, String> params, Model model) {
        return list(me, "leads", "Leads", filters(CaseType.LEAD, params), model);
    }

    private String list(SwitchboardUser me, String view, String title, OpportunityLists.Filters filters, Model model) {
        Page<Opportunity> page;
        try {
            page = lists.page(me, view.equals("leads") ? "all" : view, filters, null);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            page = lists.page(me, view.equals("leads") ? "all" : view, OpportunityLists.Filters.none(), null);
        }
        model.addAttribute("view", view);
        model.addAttribute("title", title);
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("sellers", users.findSellers());
        model.addAttribute("stages", teams.stages());
        model.addAttribute("teams", teams.findAll());
        model.addAttribute("states", CaseState.values());
        model.addAttribute("sorts", ListSort.values());
        return "opportunity/list";
    }

    private static OpportunityLists.Filters filters(CaseType type, Map<String, String> p) {
        CaseState state = parse(p.get("state"), CaseState.class);
        ListSort sort = parse(p.get("sort"), ListSort.class);
        return new OpportunityLists.Filters(type, state == null ? null : List.of(state),
                "closed".equals(p.get("open")) ? Boolean.FALSE : "any".equals(p.get("open")) || state != null ? null : Boolean.TRUE,
                number(p.get("stageId")), number(p.get("teamId")), blankToNull(p.get("responsibleId")), number(p.get("partnerId")),
                blankToNull(p.get("category")), blankToNull(p.get("q")), sort == null ? ListSort.NEWEST : sort, blankToNull(p.get("after")));
    }

    @PostMapping("/opportunities/assign")
    public String assign(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(name = "ids", required = false) List<Long> ids,
            @RequestParam(required = false) Long responsibleId, RedirectAttributes flash) {
        if (ids == null || ids.isEmpty()) {
            flash.addFlashAttribute("error", "Tick the opportunities to assign first.");
        } else {
            try {
                List<Opportunity> done = service.assign(me, ids, responsibleId);
                flash.addFlashAttribute("notice", done.size() + " opportunit" + (done.size() == 1 ? "y" : "ies") + " assigned to "
                        + (done.get(0).responsibleName() == null ? "nobody" : done.get(0).responsibleName()) + ".");
            } catch (ApiException e) {
                flash.addFlashAttribute("error", e.getMessage());
            }
        }
        return "redirect:/opportunities/unassigned";
    }

    @GetMapping("/opportunities/new")
    public String newForm(Model model) {
        model.addAttribute("form", Map.of());
        return quickCreate(model);
    }

    private String quickCreate(Model model) {
        model.addAttribute("sellers", users.findSellers());
        model.addAttribute("teams", teams.findAll());
        return "opportunity/new";
    }

    @PostMapping("/opportunities/new")
    public String create(@AuthenticationPrincipal SwitchboardUser me, @RequestParam Map<String, String> form, Model model) {
        try {
            var body = FormJson.of(form, OpportunityDraft.FIELDS, NUMBERS, LISTS);
            Opportunity created = service.create(me, new OpportunityDraft().apply(body));
            return "redirect:/opportunities/" + created.id();
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", form);
            return quickCreate(model);
        }
    }

    @GetMapping("/opportunities/{id}")
    public String form(@PathVariable long id, @RequestParam(required = false) Long before, Model model) {
        Opportunity o = service.get(id);
        model.addAttribute("o", o);
        model.addAttribute("history", history.forCase(id, before, 80));
        model.addAttribute("sellers", users.findSellers());
        model.addAttribute("stages", teams.stages().stream().filter(s -> s.usableBy(o.teamId())).toList());
        model.addAttribute("teams", teams.findAll());
        model.addAttribute("states", CaseState.values());
        return "opportunity/form";
    }

    @PostMapping("/opportunities/{id}")
    public String update(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        try {
            var body = FormJson.of(form, OpportunityDraft.FIELDS, NUMBERS, LISTS);
            body.remove("version");
            OpportunityDraft draft = OpportunityDraft.of(service.get(id)).apply(body);
            service.update(me, id, draft, Versions.claimed(null, Integer.valueOf(form.getOrDefault("version", "-1"))));
            flash.addFlashAttribute("notice", "Saved.");
        } catch (ApiException | NumberFormatException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/opportunities/" + id;
    }

    @PostMapping("/opportunities/{id}/notes")
    public String note(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam String text,
            RedirectAttributes flash) {
        try {
            service.addNote(me, id, text);
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/opportunities/" + id;
    }

    @PostMapping("/opportunities/{id}/convert")
    public String convert(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam int version,
            RedirectAttributes flash) {
        try {
            service.convert(me, id, null, null, false, Versions.claimed(null, version));
            flash.addFlashAttribute("notice", "Converted to an opportunity.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/opportunities/" + id;
    }

    private static <E extends Enum<E>> E parse(String value, Class<E> type) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
