package org.switchboard.server.connector;

import java.util.Locale;
import java.util.Optional;

/** The mail clients whose add-ins log in through /connect/authorize, and the names their tokens get. */
enum AddIn {
    THUNDERBIRD("Thunderbird"),
    OUTLOOK("Outlook");

    private final String label;

    AddIn(String label) {
        this.label = label;
    }

    /** As people read it: "Thunderbird". */
    String label() {
        return label;
    }

    /** The token's name in the user's list of tokens. */
    String tokenName() {
        return label + " connector";
    }

    /** As the add-in names itself in the URL: "thunderbird" or "outlook". */
    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<AddIn> of(String parameter) {
        for (AddIn client : values()) {
            if (client.parameter().equalsIgnoreCase(parameter == null ? "" : parameter.strip())) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }
}
