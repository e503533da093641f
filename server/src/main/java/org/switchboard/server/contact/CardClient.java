package org.switchboard.server.contact;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The client a card came from, as the history names it ("changed from Thunderbird"), read from its User-Agent. */
final class CardClient {
    private CardClient() {
    }

    static String current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a)) {
            return "a CardDAV client";
        }
        HttpServletRequest request = a.getRequest();
        return name(request.getHeader("User-Agent"));
    }

    static String name(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "a CardDAV client";
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("thunderbird")) {
            return "Thunderbird";
        }
        if (ua.contains("caldavsynchronizer")) {
            return "Outlook CalDav Synchronizer";
        }
        if (ua.contains("davx5") || ua.contains("davdroid")) {
            return "DAVx5";
        }
        if (ua.contains("evolution")) {
            return "Evolution";
        }
        if (ua.contains("vdirsyncer")) {
            return "vdirsyncer";
        }
        if (ua.contains("addressbook") || ua.contains("contacts") || ua.contains("dataaccessd")) {
            return "Apple Contacts";
        }
        String first = userAgent.strip().split("[\\s/]", 2)[0];
        return first.length() > 40 ? first.substring(0, 40) : first;
    }
}
