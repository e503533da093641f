package org.switchboard.server.phonecall;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.savedsearch.SavedSearches;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.team.TeamRepository;

/** The manager's campaign pages: the list, one campaign's counts and chart, its import with a progress bar and report. */
@Controller
public class CampaignPages {
    private final Campaigns campaigns;
    private final CampaignRepository repository;
    private final CallListImport imports;
    private final ImportJobRepository jobs;
    private final TeamRepository teams;
    private final SavedSearches savedSearches;

    public CampaignPages(Campaigns campaigns, CampaignRepository repository, CallListImport imports, ImportJobRepository jobs,
            TeamRepository teams, SavedSearches savedSearches) {
        this.savedSearches = savedSearches;
        this.campaigns = campaigns;
        this.repository = repository;
        this.imports = imports;
        this.jobs = jobs;
        this.teams = teams;
    }

    @GetMapping("/calls/campaigns")
    public String list(Model model) {
        model.addAttribute("view", "calls-campaigns");
        model.addAttribute("campaigns", repository.list());
        model.addAttribute("teams", teams.findAll());
        return "phonecall/campaigns";
    }

    @PostMapping("/calls/campaigns")
    public String create(@AuthenticationPrincipal SwitchboardUser me, @RequestParam(required = false) String name,
            @RequestParam(required = false) Long teamId, RedirectAttributes flash) {
        try {
            CallCampaign c = campaigns.create(me, name == null || name.isBlank() ? null : name.strip(), teamId);
            return "redirect:/calls/campaigns/" + c.id();
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/calls/campaigns";
        }
    }

    @GetMapping("/calls/campaigns/{id}")
    public String campaign(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, Model model) {
        model.addAttribute("view", "calls-campaigns");
        model.addAttribute("savedSearches", savedSearches.visibleTo(me));
        model.addAttribute("campaign", campaigns.get(id));
        model.addAttribute("stats", repository.stats(id));
        return "phonecall/campaign";
    }

    @PostMapping("/calls/campaigns/{id}/import")
    public String upload(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam("file") MultipartFile file,
            RedirectAttributes flash) throws IOException {
        if (file.isEmpty()) {
            flash.addFlashAttribute("error", "Choose a CSV file first.");
            return "redirect:/calls/campaigns/" + id;
        }
        try (InputStream in = file.getInputStream()) {
            return "redirect:/calls/imports/" + imports.start(me, id, in, file.getOriginalFilename()).id();
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/calls/campaigns/" + id;
        }
    }

    @PostMapping("/calls/campaigns/{id}/from-category")
    public String fromCategory(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam(required = false) String category,
            RedirectAttributes flash) {
        return built(id, flash, () -> campaigns.fromCategory(me, id, category == null || category.isBlank() ? null : category.strip()));
    }

    @PostMapping("/calls/campaigns/{id}/from-saved-search")
    public String fromSavedSearch(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id,
            @RequestParam(required = false) Long savedSearchId, RedirectAttributes flash) {
        return built(id, flash, () -> campaigns.fromSavedSearch(me, id, savedSearchId));
    }

    private static String built(long id, RedirectAttributes flash, java.util.function.Supplier<Campaigns.Built> build) {
        try {
            Campaigns.Built b = build.get();
            flash.addFlashAttribute("notice", b.created() + " calls added, " + b.alreadyListed() + " partners already listed, "
                    + b.withoutPhone() + " without a phone number.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/calls/campaigns/" + id;
    }

    @GetMapping("/calls/imports/{jobId}")
    public String job(@PathVariable long jobId, @RequestParam(required = false) String outcome, Model model) {
        ImportJob job = imports.job(jobId);
        model.addAttribute("view", "calls-campaigns");
        model.addAttribute("job", job);
        model.addAttribute("campaign", campaigns.get(job.campaignId()));
        model.addAttribute("outcome", outcome);
        model.addAttribute("rows", jobs.rows(jobId, outcome == null || outcome.isBlank() ? null : outcome, 0, 500));
        return "phonecall/import";
    }
}
