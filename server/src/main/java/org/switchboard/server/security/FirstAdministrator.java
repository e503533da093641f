package org.switchboard.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.switchboard.server.demo.DemoPassword;
import org.switchboard.server.user.Role;
import org.switchboard.server.user.UserRepository;

/**
 * Creates the first administrator on first start, when no user exists. Her password comes from
 * {@code switchboard.admin.password} (env SWITCHBOARD_ADMIN_PASSWORD); there is no built-in default.
 * In demo mode a random one is generated and printed once.
 */
@Component
@Order(1)
public class FirstAdministrator implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final String username;
    private final String password;
    private final DemoPassword demoPassword;

    public FirstAdministrator(UserRepository users, PasswordEncoder encoder,
            @Value("${switchboard.admin.username:admin}") String username,
            @Value("${switchboard.admin.password:}") String password,
            ObjectProvider<DemoPassword> demoPassword) {
        this.users = users;
        this.encoder = encoder;
        this.username = username;
        this.password = password;
        this.demoPassword = demoPassword.getIfAvailable();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String secret = password;
        if (secret == null || secret.isBlank()) {
            if (demoPassword == null) {
                throw new IllegalStateException("No user exists yet: set SWITCHBOARD_ADMIN_PASSWORD (or switchboard.admin.password) "
                        + "for the first administrator, or start in demo mode (--switchboard.demo=true).");
            }
            secret = demoPassword.value();
        }
        users.insert(username, "Administrator", null, Role.ADMIN, "#555753", encoder.encode(secret));
        log.info("Created the first administrator '{}'", username);
    }
}
