package org.switchboard.server.partner;

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
import org.switchboard.server.api.Versions;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.opportunity.OpportunityLists;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.web.FormJson;

/** Partners in the browser: the list, the form with its Events tab, contacts and cases. */
@Controller
public class PartnerPages {
    private static final Set<String> NUMBERS = Set.of("companyId");
    private static final Set<String> LISTS = Set.of("emails", "categories");
    private final PartnerRepository partners;
    private final PartnerService service;
    private final HistoryRepository history;
    private final OpportunityLists lists;

    public PartnerPages(PartnerRepository partners, PartnerService service, HistoryRepository history, OpportunityLists lists) {
        this.partners = partners;
        this.service = service;
        this.history = history;
        this.lists = lists;
    }

    @GetMapping("/partners")
    public String list(@RequestParam(required = false) String q, @RequestParam(required = false) String category, Model model) {
        String text = q == null || q.isBlank() ? null : q.trim();
        String cat = category == null || category.isBlank() ? null : category.trim();
        model.addAttribute("q", text);
        model.addAttribute("category", cat);
        model.addAttribute("partners", partners.list(new PartnerRepository.Filter(text, null, null, cat, false), null, null, 200));
        return "partner/list";
    }

    @GetMapping("/partners/new")
    public String newForm(Model model) {
        model.addAttribute("p", null);
        model.addAttribute("companies", partners.list(new PartnerRepository.Filter(null, PartnerKind.COMPANY, null, null, false), null, null, 500));
        return "partner/form";
    }

    @PostMapping("/partners/new")
    public String create(@AuthenticationPrincipal SwitchboardUser me, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        try {
            Partner created = service.create(me, new PartnerDraft().apply(FormJson.of(form, PartnerDraft.FIELDS, NUMBERS, LISTS)));
            return "redirect:/partners/" + created.id();
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/partners/new";
        }
    }

    @GetMapping("/partners/{id}")
    public String form(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam(required = false) Long before,
            Model model) {
        Partner p = service.get(id);
        model.addAttribute("p", p);
        model.addAttribute("events", history.forPartner(id, before, 80));
        model.addAttribute("contacts", p.kind() == PartnerKind.COMPANY ? partners.contacts(id) : List.of());
        model.addAttribute("cases", lists.page(me, "all", new OpportunityLists.Filters(null, null, null, null, null, null, id, null, null,
                null, null), 50).items());
        model.addAttribute("companies", partners.list(new PartnerRepository.Filter(null, PartnerKind.COMPANY, null, null, false), null, null, 500));
        return "partner/form";
    }

    @PostMapping("/partners/{id}")
    public String update(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        try {
            var body = FormJson.of(form, PartnerDraft.FIELDS, NUMBERS, LISTS);
            body.remove("version");
            PartnerDraft draft = service.draftOf(service.get(id)).apply(body);
            service.update(me, id, draft, Versions.claimed(null, Integer.valueOf(form.getOrDefault("version", "-1"))));
            flash.addFlashAttribute("notice", "Saved.");
        } catch (ApiException | NumberFormatException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/partners/" + id;
    }
}
