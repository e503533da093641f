package org.switchboard.server.mail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.mail.route.ReplyToken;

/** Binds {@code switchboard.mail.*}; with {@code enabled=true} also the reply tokens and the {@link MailGateway}. */
@Configuration
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    @ConditionalOnProperty(prefix = "switchboard.mail", name = "enabled", havingValue = "true")
    ReplyToken replyToken(MailSettings settings, @Value("${switchboard.demo:false}") boolean demo) {
        String secret = settings.replyTokenSecret();
        if (secret.length() >= 32) {
            return new ReplyToken(secret.getBytes(StandardCharsets.UTF_8));
        }
        if (!demo) {
            throw new IllegalStateException("switchboard.mail.reply-token-secret must hold at least 32 characters (the same on every node) "
                    + "when switchboard.mail.enabled is true");
        }
        // Demo only: tokens in mail sent before a restart stop verifying after it (replies then thread by Message-ID).
        log.warn("switchboard.mail.reply-token-secret is not set: demo mode uses a random one until the next restart");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new ReplyToken(random);
    }

    @Bean
    @ConditionalOnProperty(prefix = "switchboard.mail", name = "enabled", havingValue = "true")
    MailGateway mailGateway(MailSettings settings, ReplyToken tokens, DatabaseInboundSpool spool, DatabaseMailDirectory directory,
            CaseMailSink sink, SpoolRouter router, DatabaseOutbox outbox) {
        return new MailGateway(settings, tokens, spool, directory, sink, router, outbox);
    }
}
