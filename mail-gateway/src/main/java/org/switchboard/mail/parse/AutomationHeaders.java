package org.switchboard.mail.parse;

import java.util.List;
import java.util.Optional;

/**
 * The headers that tell automated mail from a human's, raw values trimmed.
 *
 * @param autoSubmitted           RFC 3834 §5 {@code Auto-Submitted}
 * @param precedence              {@code Precedence} (bulk, junk, list: not standard, widely used)
 * @param listId                  RFC 2919 {@code List-Id}
 * @param xLoop                   every {@code X-Loop} value
 * @param ourLoop                 every value of our own {@code X-Switchboard-Loop} header
 * @param autoResponseSuppress    Microsoft's {@code X-Auto-Response-Suppress}
 */
public record AutomationHeaders(Optional<String> autoSubmitted, Optional<String> precedence, Optional<String> listId,
                                List<String> xLoop, List<String> ourLoop, Optional<String> autoResponseSuppress) {

    /** The header our outgoing mail carries, so that we recognise our own mail coming back. */
    public static final String OUR_LOOP_HEADER = "X-Switchboard-Loop";

    public AutomationHeaders {
        xLoop = List.copyOf(xLoop);
        ourLoop = List.copyOf(ourLoop);
    }
}
