package org.switchboard.mail.parse;

import java.time.Duration;

/**
 * Bounds for parsing untrusted mail. Mime4j 0.8.15 enforces the first six; the rest are ours.
 *
 * @param maxNestingDepth     multipart nesting depth
 * @param maxParts            body parts in the whole message
 * @param maxHeadersPerPart   header fields of one entity
 * @param maxHeaderLength     length of one header field (folded lines included)
 * @param maxTotalHeaders     header fields in the whole message
 * @param maxContentBytes     size of the whole message
 * @param maxAttachmentBytes  attachments larger than this keep their hash and size but not their bytes
 * @param maxHtmlChars        HTML longer than this is cut before sanitising
 * @param maxTextChars        text body longer than this is cut
 * @param htmlTimeBudget      sanitising taking longer is abandoned (the text body remains)
 */
public record ParseLimits(int maxNestingDepth, int maxParts, int maxHeadersPerPart, int maxHeaderLength,
                          int maxTotalHeaders, long maxContentBytes, long maxAttachmentBytes, int maxHtmlChars,
                          int maxTextChars, Duration htmlTimeBudget) {

    public static ParseLimits defaults() {
        return new ParseLimits(32, 512, 1000, 64 * 1024, 10_000, 50L * 1024 * 1024, 25L * 1024 * 1024,
                2 * 1024 * 1024, 1024 * 1024, Duration.ofSeconds(2));
    }
}
