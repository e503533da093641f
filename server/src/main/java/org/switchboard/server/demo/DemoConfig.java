package org.switchboard.server.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Demo mode ({@code switchboard.demo=true}): a generated password and a seeded dataset. */
@Configuration
@ConditionalOnProperty(name = "switchboard.demo", havingValue = "true")
public class DemoConfig {
    @Bean
    DemoPassword demoPassword() {
        return DemoPassword.generate();
    }
}
