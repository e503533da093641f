package org.switchboard.server.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.switchboard.server.security.SwitchboardUser;

/** What every page's layout needs: who is logged in. */
@ControllerAdvice(annotations = Controller.class)
public class WebModel {
    /** Formats instants for people, in the server's time zone. */
    public static final class Dates {
        private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        public String when(java.time.Instant instant) {
            return instant == null ? "—" : WHEN.format(instant.atZone(java.time.ZoneId.systemDefault()));
        }
    }

    private static final Dates DATES = new Dates();

    @ModelAttribute("dates")
    public Dates dates() {
        return DATES;
    }

    @ModelAttribute("me")
    public SwitchboardUser me(@AuthenticationPrincipal SwitchboardUser me) {
        return me;
    }
}
