package org.switchboard.server.mail;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.security.SwitchboardUser;

/** Answering from a case: {@code POST /api/v1/opportunities/{id}/emails} queues the message (202-like 201: it is sent later). */
@RestController
class CaseEmailController {
    private final CaseEmails emails;

    CaseEmailController(CaseEmails emails) {
        this.emails = emails;
    }

    @PostMapping("/api/v1/opportunities/{id}/emails")
    @ResponseStatus(HttpStatus.CREATED)
    CaseEmails.Queued send(@PathVariable long id, @RequestBody CaseEmails.Email email, @AuthenticationPrincipal SwitchboardUser actor) {
        return emails.send(actor, id, email);
    }
}
