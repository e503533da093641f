package org.switchboard.server.mail;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.opportunity.OpportunityService;

/**
 * A case's kept message as the {@code .eml} that was received, and its stored attachments: the one answer
 * the API ({@link CaseMessageController}) and the case's page ({@link CaseMessagePages}) give. 404 when the
 * message is not one of this case's; 410 for an attachment above the size kept.
 */
@Component
class CaseMessageDownloads {
    private final CaseMessageFiles files;
    private final OpportunityService cases;

    CaseMessageDownloads(CaseMessageFiles files, OpportunityService cases) {
        this.files = files;
        this.cases = cases;
    }

    ResponseEntity<byte[]> raw(long id, long messageId) {
        cases.get(id);
        byte[] raw = files.raw(id, messageId).orElseThrow(() -> ApiException.notFound("message", messageId));
        return download(raw, "message/rfc822", "message-" + messageId + ".eml");
    }

    ResponseEntity<byte[]> attachment(long id, long messageId, int position) {
        cases.get(id);
        CaseMessageFiles.AttachmentContent a = files.attachment(id, messageId, position)
                .orElseThrow(() -> ApiException.notFound("attachment", position));
        if (a.content() == null) {
            throw new ApiException(HttpStatus.GONE, "attachment " + position + " (" + a.attachment().sizeBytes()
                    + " bytes) was larger than the size kept; it is in the original message: " + "/messages/" + messageId + "/raw", null);
        }
        String name = a.attachment().filename().isBlank() ? "attachment-" + position : a.attachment().filename();
        return download(a.content(), a.attachment().contentType(), name);
    }

    /**
     * Always a download with {@code nosniff}: an attachment's type is what its sender claimed, and a browser
     * must not render an HTML or SVG "attachment" in our origin.
     */
    private static ResponseEntity<byte[]> download(byte[] content, String claimedType, String filename) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(claimedType);
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }
}
