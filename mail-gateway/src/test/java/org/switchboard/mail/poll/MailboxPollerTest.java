package org.switchboard.mail.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.mail.spi.memory.InMemoryInboundSpool;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class MailboxPollerTest {

    @RegisterExtension
    static final GreenMailExtension MAILBOX = new GreenMailExtension(new ServerSetup[] {
        ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort()});

    private final InMemoryInboundSpool spool = new InMemoryInboundSpool();
    private GreenMailUser user;

    @BeforeEach
    void mailbox() throws Exception {
        user = MAILBOX.setUser("crm@mail.customer.example", "crm", "secret");
        for (int i = 1; i <= 3; i++) {
            String id = "<m" + i + "@customer.example>";
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", id);
                }
            };
            message.setFrom(new InternetAddress("alice@customer.example"));
            message.setRecipients(MimeMessage.RecipientType.TO, "crm@mail.customer.example");
            message.setSubject("Anfrage " + i);
            message.setText("Text " + i);
            user.deliver(message);
        }
    }

    private MailboxPoller poller(MailboxConfig.Protocol protocol, MailboxConfig.AfterFetch afterFetch) {
        int port = protocol == MailboxConfig.Protocol.IMAP ? MAILBOX.getImap().getPort() : MAILBOX.getPop3().getPort();
        return new MailboxPoller(new MailboxConfig(protocol, false, "127.0.0.1", port, "crm", "secret", "INBOX",
                "sales@crm.example.com", afterFetch, 10_000_000, Duration.ofSeconds(10)), spool);
    }

    /** Flags as seen on the server by a separate IMAP session. */
    private List<Boolean> seenFlags() throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect("127.0.0.1", MAILBOX.getImap().getPort(), "crm", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Boolean> flags = new java.util.ArrayList<>();
            for (jakarta.mail.Message m : inbox.getMessages()) {
                flags.add(m.isSet(Flags.Flag.SEEN));
            }
            inbox.close(false);
            return flags;
        }
    }

    @Test
    void imapMessagesAreSpooledThenMarkedSeen() throws Exception {
        PollResult result = poller(MailboxConfig.Protocol.IMAP, MailboxConfig.AfterFetch.MARK_SEEN).pollOnce();
        assertEquals(3, result.stored());
        assertEquals(List.of(true, true, true), seenFlags());
        var first = spool.messages().get(0);
        assertEquals(List.of("sales@crm.example.com"), first.envelope().recipients());
        assertEquals("m1@customer.example", first.envelope().messageId().orElseThrow());
        assertEquals("IMAP", first.envelope().transport());
        assertTrue(first.text().contains("Subject: Anfrage 1"));

        assertEquals(0, poller(MailboxConfig.Protocol.IMAP, MailboxConfig.AfterFetch.MARK_SEEN).pollOnce().stored(),
                "nothing new on the second poll");
        assertEquals(3, spool.messages().size());
    }

    @Test
    void whenTheSpoolFailsImapMessagesStayUnseenAndArriveLater() throws Exception {
        spool.setUnavailable(true);
        PollResult failed = poller(MailboxConfig.Protocol.IMAP, MailboxConfig.AfterFetch.MARK_SEEN).pollOnce();
        assertEquals(0, failed.stored());
        assertFalse(failed.leftOnServer().isEmpty());
        assertEquals(List.of(false, false, false), seenFlags(), "reading did not mark anything seen");

        spool.setUnavailable(false);
        assertEquals(3, poller(MailboxConfig.Protocol.IMAP, MailboxConfig.AfterFetch.MARK_SEEN).pollOnce().stored());
    }

    @Test
    void imapCanDeleteAfterStoring() throws Exception {
        assertEquals(3, poller(MailboxConfig.Protocol.IMAP, MailboxConfig.AfterFetch.DELETE).pollOnce().stored());
        assertEquals(List.of(), seenFlags());
    }

    @Test
    void pop3MessagesAreDeletedOnlyAfterStoring() throws Exception {
        spool.setUnavailable(true);
        poller(MailboxConfig.Protocol.POP3, MailboxConfig.AfterFetch.DELETE).pollOnce();
        assertEquals(3, seenFlags().size(), "still on the server");

        spool.setUnavailable(false);
        PollResult result = poller(MailboxConfig.Protocol.POP3, MailboxConfig.AfterFetch.DELETE).pollOnce();
        assertEquals(3, result.stored());
        assertEquals(0, seenFlags().size(), "deleted once stored");
        assertEquals("POP3", spool.messages().get(0).envelope().transport());
    }

    @Test
    void pop3CannotMarkSeen() {
        assertThrows(IllegalArgumentException.class, () -> poller(MailboxConfig.Protocol.POP3, MailboxConfig.AfterFetch.MARK_SEEN));
    }
}
