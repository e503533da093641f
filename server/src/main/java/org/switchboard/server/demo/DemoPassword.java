package org.switchboard.server.demo;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * In demo mode, one password generated at start for the administrator and the demo users, printed
 * once to the console. Never a built-in default; never stored in clear.
 */
public record DemoPassword(String value) {
    public static DemoPassword generate() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return new DemoPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
