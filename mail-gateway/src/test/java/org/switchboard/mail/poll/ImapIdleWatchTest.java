package org.switchboard.mail.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.mail.spi.memory.InMemoryInboundSpool;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class ImapIdleWatchTest {

    @RegisterExtension
    static final GreenMailExtension MAILBOX = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    private final InMemoryInboundSpool spool = new InMemoryInboundSpool();

    private static void deliver(GreenMailUser user, String subject) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("alice@customer.example"));
        message.setRecipients(MimeMessage.RecipientType.TO, "crm@mail.customer.example");
        message.setSubject(subject);
        message.setText("body of " + subject);
        user.deliver(message);
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void newMailIsFetchedAsItArrives() throws Exception {
        GreenMailUser user = MAILBOX.setUser("crm@mail.customer.example", "crm", "secret");
        deliver(user, "before");
        MailboxConfig config = new MailboxConfig(MailboxConfig.Protocol.IMAP, false, "127.0.0.1", MAILBOX.getImap().getPort(),
                "crm", "secret", "INBOX", "sales@crm.example.com", MailboxConfig.AfterFetch.MARK_SEEN, 10_000_000,
                Duration.ofSeconds(10));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ImapIdleWatch watch = new ImapIdleWatch(config, spool, Duration.ofMillis(300))) {
            Thread thread = new Thread(() -> {
                try {
                    watch.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
            assertTrue(waitFor(() -> spool.messages().size() == 1), "the message already there is fetched");

            Thread.sleep(700); // IDLE has been re-issued at least once meanwhile
            deliver(user, "during");
            assertTrue(waitFor(() -> spool.messages().size() == 2), "new mail arrives without a poll interval");
            assertTrue(spool.messages().get(1).text().contains("Subject: during"));

            watch.close();
            thread.join(10_000);
            assertFalse(thread.isAlive(), "close() ends the watch");
        }
        assertEquals(null, failure.get());
    }

    @Test
    void closeEndsTheWatchWhateverItIsDoing() throws Exception {
        GreenMailUser user = MAILBOX.setUser("crm@mail.customer.example", "crm", "secret");
        deliver(user, "one");
        MailboxConfig config = new MailboxConfig(MailboxConfig.Protocol.IMAP, false, "127.0.0.1", MAILBOX.getImap().getPort(),
                "crm", "secret", "INBOX", "sales@crm.example.com", MailboxConfig.AfterFetch.MARK_SEEN, 10_000_000,
                Duration.ofSeconds(10));
        for (int round = 0; round < 5; round++) {
            ImapIdleWatch watch = new ImapIdleWatch(config, spool, Duration.ofMinutes(25));
            Thread thread = new Thread(() -> {
                try {
                    watch.run();
                } catch (Exception e) {
                    // connection trouble ends the watch too
                }
            });
            thread.start();
            Thread.sleep(round * 40L); // close at different moments: connecting, fetching, idling
            watch.close();
            thread.join(10_000);
            assertFalse(thread.isAlive(), "round " + round);
        }
        assertTrue(spool.messages().size() <= 1, "stored at most once, however often the watch was interrupted");
    }

    @Test
    void pop3HasNoIdle() {
        MailboxConfig pop3 = new MailboxConfig(MailboxConfig.Protocol.POP3, false, "127.0.0.1", 110, "u", "p", "INBOX",
                "sales@crm.example.com", MailboxConfig.AfterFetch.DELETE, 1000, Duration.ofSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> new ImapIdleWatch(pop3, spool, Duration.ofMinutes(25)));
    }
}
