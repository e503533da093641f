package org.switchboard.server.mail;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.opportunity.Opportunity;
import org.switchboard.server.opportunity.OpportunityService;

/** A case's Messages tab in the browser, and the same downloads as the API under the browser's session. */
@Controller
class CaseMessagePages {
    private final CaseMessageFiles files;
    private final OpportunityService cases;
    private final CaseMessageController api;

    CaseMessagePages(CaseMessageFiles files, OpportunityService cases, CaseMessageController api) {
        this.files = files;
        this.cases = cases;
        this.api = api;
    }

    @GetMapping("/opportunities/{id}/messages")
    String page(@PathVariable long id, Model model) {
        Opportunity o = cases.get(id);
        model.addAttribute("o", o);
        model.addAttribute("messages", files.ofCase(id));
        model.addAttribute("pageTitle", "Messages of " + o.name());
        return "mail/case-messages";
    }

    @GetMapping("/opportunities/{id}/messages/{messageId}/raw")
    ResponseEntity<byte[]> raw(@PathVariable long id, @PathVariable long messageId) {
        try {
            return api.raw(id, messageId);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
    }

    @GetMapping("/opportunities/{id}/messages/{messageId}/attachments/{position}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long messageId, @PathVariable int position) {
        try {
            return api.attachment(id, messageId, position);
        } catch (ApiException e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
    }
}
