package org.switchboard.server.mail;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.opportunity.OpportunityService;

/**
 * The messages kept on a case, read back through the API: the list, each message as the {@code .eml} that
 * was received, and its stored attachments ({@link CaseMessagePages} serves the same to the browser).
 */
@RestController
class CaseMessageController {
    private final CaseMessageFiles files;
    private final OpportunityService cases;
    private final CaseMessageDownloads downloads;

    CaseMessageController(CaseMessageFiles files, OpportunityService cases, CaseMessageDownloads downloads) {
        this.files = files;
        this.cases = cases;
        this.downloads = downloads;
    }

    @GetMapping("/api/v1/opportunities/{id}/messages")
    List<CaseMessageFiles.StoredMessage> list(@PathVariable long id) {
        cases.get(id);
        return files.ofCase(id);
    }

    @GetMapping("/api/v1/opportunities/{id}/messages/{messageId}/raw")
    ResponseEntity<byte[]> raw(@PathVariable long id, @PathVariable long messageId) {
        return downloads.raw(id, messageId);
    }

    @GetMapping("/api/v1/opportunities/{id}/messages/{messageId}/attachments/{position}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long messageId, @PathVariable int position) {
        return downloads.attachment(id, messageId, position);
    }
}
