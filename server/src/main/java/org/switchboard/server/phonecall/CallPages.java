package org.switchboard.server.phonecall;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.api.JsonFields;
import org.switchboard.server.api.Versions;
import org.switchboard.server.calendar.Meeting;
import org.switchboard.server.history.HistoryRepository;
import org.switchboard.server.partner.PartnerRepository;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.TeamRepository;
import org.switchboard.server.web.FormJson;

/** The call menus in the browser: Inbound, Outbound, My Calls To Make, and the operator screen. */
@Controller
public class CallPages {
    private static final Set<String> NUMBERS = Set.of("partnerId", "contactId", "caseId", "durationMinutes", "priority", "responsibleId", "teamId");
    private final PhoneCallService service;
    private final PhoneCallRepository calls;
    private final PartnerRepository partners;
    private final HistoryRepository history;
    private final TeamRepository teams;

    public CallPages(PhoneCallService service, PhoneCallRepository calls, PartnerRepository partners, HistoryRepository history,
            TeamRepository teams) {
        this.service = service;
        this.calls = calls;
        this.partners = partners;
        this.history = history;
        this.teams = teams;
    }

    @GetMapping("/calls/inbound")
    public String inbound(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) Long after, Model model) {
        return list("/calls/inbound", "calls-inbound", "Inbound Calls", new PhoneCallRepository.Filter(CallDirection.INBOUND, null, null, false, null, null),
                after, model);
    }

    @GetMapping("/calls/outbound")
    public String outbound(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) Long after, Model model) {
        return list("/calls/outbound", "calls-outbound", "Outbound Calls", new PhoneCallRepository.Filter(CallDirection.OUTBOUND, null, null, false, null, null),
                after, model);
    }

    @GetMapping("/calls/mine")
    public String mine(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) Long after, Model model) {
        return list("/calls/mine", "calls-mine", "My Calls To Make", new PhoneCallRepository.Filter(null, CallState.TODO, me.id(), false, null, null),
                after, model);
    }

    private String list(String path, String view, String title, PhoneCallRepository.Filter filter, Long after, Model model) {
        List<PhoneCall> items = calls.list(filter, after, 80);
        model.addAttribute("path", path);
        model.addAttribute("view", view);
        model.addAttribute("title", title);
        model.addAttribute("calls", items);
        model.addAttribute("next", items.size() < 80 ? null : items.get(items.size() - 1).id());
        model.addAttribute("direction", filter.direction() == null ? CallDirection.OUTBOUND : filter.direction());
        return "phonecall/list";
    }

    /** Logs a call (HELD) or schedules one (TODO) from the form under the lists; same readers as the API. */
    @PostMapping("/calls/new")
    public String create(@AuthenticationPrincipal SwitchboardUser me, @RequestParam Map<String, String> form,
            @RequestParam(defaultValue = "/calls/mine") String back, RedirectAttributes flash) {
        try {
            var body = FormJson.of(form, CallDraft.FIELDS, NUMBERS, Set.of());
            PhoneCall created = service.create(me, new CallDraft().apply(body, true));
            flash.addFlashAttribute("notice", (created.state() == CallState.TODO ? "Call scheduled: " : "Call logged: ") + created.summary());
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + (back.startsWith("/calls/") ? back : "/calls/mine");
    }

    /** The operator screen: the call I am on, else the next one claimed for me now. */
    @GetMapping("/calls/operator")
    public String operator(@AuthenticationPrincipal SwitchboardUser me, Model model) {
        Optional<PhoneCall> call = service.claimNext(me);
        model.addAttribute("view", "calls-operator");
        model.addAttribute("call", call.orElse(null));
        model.addAttribute("teams", teams.findAll());
        call.map(PhoneCall::partnerId).flatMap(partners::find).ifPresent(p -> model.addAttribute("partner", p));
        call.map(PhoneCall::contactId).flatMap(partners::find).ifPresent(p -> model.addAttribute("contact", p));
        model.addAttribute("history", call.map(PhoneCall::partnerId).map(id -> history.forPartner(id, null, 20)).orElse(List.of()));
        return "phonecall/operator";
    }

    @PostMapping("/calls/{id}/outcome")
    public String outcome(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam String outcome,
            @RequestParam(required = false) String notes, @RequestParam(required = false) String convert,
            @RequestParam(required = false) Long teamId, @RequestParam(required = false) Integer version, RedirectAttributes flash) {
        try {
            CallOutcome o = CallOutcome.valueOf(outcome);
            PhoneCall after = service.outcome(me, id, o, notes, convert != null, teamId,
                    version == null ? null : new Versions.ClaimedVersion(version, HttpStatus.CONFLICT));
            String done = switch (after.state()) {
                case HELD -> after.convertedCaseId() != null ? "Held, converted into an opportunity." : "Held.";
                case TODO -> "Not held: back in the queue after the retry delay.";
                default -> after.closedReason() != null ? "Cancelled (" + after.closedReason() + ")." : "Cancelled.";
            };
            flash.addFlashAttribute("notice", after.who() + ": " + done);
        } catch (ApiException | IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/calls/operator";
    }

    @PostMapping("/calls/{id}/meeting")
    public String meeting(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam(required = false) String start,
            RedirectAttributes flash) {
        try {
            Meeting m = service.scheduleMeeting(me, id, start == null || start.isBlank() ? null : JsonFields.parseInstant("start", start), null, null);
            flash.addFlashAttribute("notice", "Meeting planned: " + m.title() + ", in the company calendar.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/calls/operator";
    }

    @PostMapping("/calls/{id}/follow-up")
    public String followUp(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam(required = false) String dueAt,
            RedirectAttributes flash) {
        try {
            PhoneCall next = service.followUp(me, id, dueAt == null || dueAt.isBlank() ? null : JsonFields.parseInstant("dueAt", dueAt), null);
            flash.addFlashAttribute("notice", "Another call with " + next.who() + " is scheduled.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/calls/operator";
    }
}
