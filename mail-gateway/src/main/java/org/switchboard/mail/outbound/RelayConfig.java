package org.switchboard.mail.outbound;

import java.time.Duration;
import java.util.Optional;

/**
 * The SMTP relay outgoing mail goes through.
 *
 * @param host            relay host
 * @param port            relay port (587 with STARTTLS, 465 with TLS, 25 plain)
 * @param security        how the connection is protected
 * @param username        login, if the relay wants one
 * @param password        password for {@code username}
 * @param messageIdDomain right-hand side of our Message-IDs, e.g. {@code crm.example.com}
 * @param timeout         connect and read timeout
 * @param retry           backoff between attempts
 */
public record RelayConfig(String host, int port, Security security, Optional<String> username,
                          Optional<String> password, String messageIdDomain, Duration timeout, RetryPolicy retry) {

    public enum Security { NONE, STARTTLS, TLS }

    /**
     * Exponential backoff: the n-th failure waits {@code firstDelay * 2^(n-1)}, at most {@code maxDelay}; after
     * {@code maxAttempts} failures the message has failed for good.
     */
    public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

        public static RetryPolicy standard() {
            return new RetryPolicy(8, Duration.ofMinutes(1), Duration.ofHours(6));
        }

        /** The wait after the given number of failed attempts (1 = first failure), or empty when to give up. */
        public Optional<Duration> delayAfter(int failures) {
            if (failures >= maxAttempts) {
                return Optional.empty();
            }
            Duration delay = firstDelay;
            for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        }
    }
}
