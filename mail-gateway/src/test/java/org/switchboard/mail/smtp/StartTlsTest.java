package org.switchboard.mail.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class StartTlsTest {

    /** A self-signed PKCS#12 keystore made with the JDK's keytool. */
    static TlsKeystore keystore(Path dir) throws Exception {
        Path file = dir.resolve("listener.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "mx", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=mx.crm.example.com", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return new TlsKeystore(file, "PKCS12", "changeit".toCharArray());
    }

    @Test
    void startTlsIsOfferedAndAMailClientDeliversOverIt(@TempDir Path dir) throws Exception {
        ListenerConfig config = ListenerConfig.defaults(ListenerConfig.Protocol.SMTP, "mx.crm.example.com")
                .withStartTls(keystore(dir));
        try (ListenerFixture fixture = new ListenerFixture(config)) {
            try (RawClient client = fixture.client()) {
                assertTrue(client.command("EHLO client.example.org").contains("STARTTLS"));
            }

            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(fixture.listener.port()));
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.trust", "*");
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("alice@customer.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("sales@crm.example.com"));
            message.setSubject("over TLS");
            message.setText("secret offer");
            Transport.send(message);

            assertEquals(1, fixture.spool.messages().size());
            String stored = fixture.spool.messages().get(0).text();
            assertTrue(stored.contains("with ESMTPS"), stored);
            assertEquals(List.of("sales@crm.example.com"), fixture.spool.messages().get(0).envelope().recipients());
        }
    }

    @Test
    void commandsPipelinedAfterStartTlsAreNotExecuted(@TempDir Path dir) throws Exception {
        ListenerConfig config = ListenerConfig.defaults(ListenerConfig.Protocol.SMTP, "mx.crm.example.com")
                .withStartTls(keystore(dir));
        try (ListenerFixture fixture = new ListenerFixture(config); RawClient client = fixture.client()) {
            client.command("EHLO client.example.org");
            // CVE-2021-38542 class: plaintext commands injected behind STARTTLS must not run after the handshake
            client.send("STARTTLS\r\nMAIL FROM:<evil@evil.example>\r\n");
            String reply = client.reply();
            assertTrue(reply == null || !reply.startsWith("220"), "no TLS handshake is offered: " + reply);
            assertTrue(client.closedByServer(), "the connection is dropped");
            assertEquals(0, fixture.spool.messages().size());
        }
    }

    @Test
    void whenRequiredMailBeforeStartTlsIsRefusedWith530(@TempDir Path dir) throws Exception {
        ListenerConfig config = ListenerConfig.defaults(ListenerConfig.Protocol.SMTP, "mx.crm.example.com")
                .withStartTls(keystore(dir), true);
        try (ListenerFixture fixture = new ListenerFixture(config); RawClient client = fixture.client()) {
            assertTrue(client.command("EHLO client.example.org").contains("STARTTLS"));
            String reply = client.command("MAIL FROM:<alice@customer.example>");
            assertTrue(reply.startsWith("530 5.7.0"), reply);
            String rcpt = client.command("RCPT TO:<sales@crm.example.com>");
            assertTrue(rcpt.startsWith("503"), "no transaction was started: " + rcpt);
            assertEquals(0, fixture.spool.messages().size());
        }
    }

    @Test
    void requiringStartTlsWithoutAKeystoreIsRefused() {
        ListenerConfig base = ListenerConfig.defaults(ListenerConfig.Protocol.SMTP, "mx.crm.example.com");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ListenerConfig(base.protocol(),
                base.bindAddress(), base.port(), base.helloName(), base.maxMessageSize(), base.maxRecipients(), base.maxConnections(),
                base.maxConnectionsPerIp(), base.idleTimeoutSeconds(), base.maxLineLength(), base.memoryThreshold(),
                base.spillDirectory(), java.util.Optional.empty(), true));
    }

    /** An SSL socket factory trusting exactly the keystore's certificate. */
    static javax.net.ssl.SSLSocketFactory trusting(TlsKeystore keystore) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance(keystore.type());
        try (var in = java.nio.file.Files.newInputStream(keystore.path())) {
            store.load(in, keystore.password());
        }
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    @Test
    void lmtpOffersStartTlsAndWhenRequiredDeliversOnlyAfterIt(@TempDir Path dir) throws Exception {
        TlsKeystore keystore = keystore(dir);
        ListenerConfig config = ListenerConfig.defaults(ListenerConfig.Protocol.LMTP, "lmtp.crm.example.com")
                .withStartTls(keystore, true);
        try (ListenerFixture fixture = new ListenerFixture(config); RawClient client = fixture.client()) {
            assertTrue(client.command("LHLO mta.example.org").contains("STARTTLS"));
            String clear = client.command("MAIL FROM:<alice@customer.example>");
            assertTrue(clear.startsWith("530 5.7.0"), clear);
            ListenerFixture.expect(client.command("STARTTLS"), "220");
            client.upgradeToTls(trusting(keystore));
            ListenerFixture.expect(client.command("LHLO mta.example.org"), "250");
            ListenerFixture.expect(client.command("MAIL FROM:<alice@customer.example>"), "250");
            ListenerFixture.expect(client.command("RCPT TO:<sales@crm.example.com>"), "250");
            ListenerFixture.expect(client.command("DATA"), "354");
            ListenerFixture.expect(client.command("Subject: over LMTP and TLS\r\n\r\nsecret\r\n."), "250");
            assertEquals(1, fixture.spool.messages().size());
            assertTrue(fixture.spool.messages().get(0).text().contains("secret"));
        }
    }
}
