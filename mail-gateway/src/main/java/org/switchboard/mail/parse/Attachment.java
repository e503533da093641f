package org.switchboard.mail.parse;

import java.util.Optional;

/**
 * A file carried by a message, addressed by the SHA-256 of its content.
 *
 * @param filename    decoded file name (RFC 2231 / RFC 2047), or a name made up from the type
 * @param contentType media type, lower case
 * @param size        decoded size in bytes
 * @param sha256      hex SHA-256 of the decoded content
 * @param contentId   Content-ID without angle brackets, for {@code cid:} references (RFC 2392)
 * @param inline      true when the HTML body shows it (a resolved {@code cid:} image)
 * @param content     the bytes; empty when the attachment is larger than {@link ParseLimits#maxAttachmentBytes()}
 */
public record Attachment(String filename, String contentType, long size, String sha256,
                         Optional<String> contentId, boolean inline, Optional<byte[]> content) {

    Attachment asInline() {
        return new Attachment(filename, contentType, size, sha256, contentId, true, content);
    }
}
