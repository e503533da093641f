package org.switchboard.server.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityService;
import org.switchboard.server.security.SwitchboardUser;

/**
 * A case's Messages tab in the browser: the messages kept on it, the same downloads as the API under the
 * browser's session, and the form to answer by email (the same {@link CaseEmails} as the API).
 */
@Controller
class CaseMessagePages {
    private final CaseMessageFiles files;
    private final OpportunityService cases;
    private final CaseMessageDownloads downloads;
    private final CaseEmails emails;

    CaseMessagePages(CaseMessageFiles files, OpportunityService cases, CaseMessageDownloads downloads, CaseEmails emails) {
        this.files = files;
        this.cases = cases;
        this.downloads = downloads;
        this.emails = emails;
    }

    @GetMapping("/opportunities/{id}/messages")
    String page(@PathVariable long id, Model model) {
        Opportunity o = cases.get(id);
        List<CaseMessageFiles.StoredMessage> messages = files.ofCase(id);
        model.addAttribute("o", o);
        model.addAttribute("messages", messages);
        model.addAttribute("pageTitle", "Messages of " + o.name());
        if (!model.containsAttribute("answer")) {
            // answering the last message: to its sender, "Re:" its subject; else to the case's address
            CaseMessageFiles.StoredMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            String to = last != null && last.sender() != null ? last.sender() : o.email() == null ? "" : o.email();
            String subject = last != null && last.subject() != null ? last.subject() : o.name();
            model.addAttribute("answer", Map.of("to", to, "cc", "",
                    "subject", subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject, "body", ""));
        }
        return "mail/case-messages";
    }

    /** The answer form: queued in the outbox and logged in the history, as through the API. */
    @PostMapping("/opportunities/{id}/emails")
    String answer(@AuthenticationPrincipal SwitchboardUser me, @PathVariable long id, @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        try {
            CaseEmails.Queued queued = emails.send(me, id, new CaseEmails.Email(addresses(form.get("to")), addresses(form.get("cc")),
                    form.get("subject"), form.getOrDefault("body", "")));
            flash.addFlashAttribute("notice", "Queued: it goes out through the mail relay (message " + queued.messageId() + ").");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("answer", Map.of("to", form.getOrDefault("to", ""), "cc", form.getOrDefault("cc", ""),
                    "subject", form.getOrDefault("subject", ""), "body", form.getOrDefault("body", "")));
        }
        return "redirect:/opportunities/" + id + "/messages";
    }

    /** "a@x.example, b@y.example" as the API's list; the service checks each address. */
    private static List<String> addresses(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        return Arrays.stream(field.split("[,;]")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    @GetMapping("/opportunities/{id}/messages/{messageId}/raw")
    ResponseEntity<byte[]> raw(@PathVariable long id, @PathVariable long messageId) {
        try {
            return downloads.raw(id, messageId);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
    }

    @GetMapping("/opportunities/{id}/messages/{messageId}/attachments/{position}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long messageId, @PathVariable int position) {
        try {
            return downloads.attachment(id, messageId, position);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
    }
}
