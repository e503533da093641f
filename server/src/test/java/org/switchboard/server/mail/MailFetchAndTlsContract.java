package org.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.switchboard.server.testing.ApiClient;
import org.switchboard.server.testing.SalesTeam;
import org.switchboard.server.testing.SmtpClient;
import org.switchboard.server.testing.Eventually;
import tools.jackson.databind.JsonNode;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The gateway's mailboxes and listener security as configured in the server: an IMAP mailbox watched with
 * IDLE (the poll interval is ten minutes, so only IDLE can bring mail in quickly), a POP3 mailbox polled,
 * STARTTLS required on the SMTP listener and offered on the LMTP one with a keystore generated here, and
 * company-by-domain switched on for every alias. GreenMail holds both mailboxes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.mail.enabled=true",
        "switchboard.mail.smtp.host=127.0.0.1",
        "switchboard.mail.smtp.port=0",
        "switchboard.mail.hostname=crm.test",
        "switchboard.mail.reply-token-secret=test-secret-test-secret-test-secret-0123",
        "switchboard.mail.route-every=100ms",
        "switchboard.mail.poll-every=10m",
        "switchboard.mail.partner-by-domain=true",
        "switchboard.mail.starttls.mode=REQUIRED",
        "switchboard.mail.starttls.lmtp-mode=OPTIONAL" })
abstract class MailFetchAndTlsContract {
    static final GreenMail MAILBOXES = new GreenMail(new ServerSetup[] {ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort()});
    static final String PASSWORD = "changeit";
    static Path keystore;
    static int lmtpPort;
    /** The third mailbox's server: GreenMail's IMAP without the IDLE capability. */
    static ImapWithoutIdle withoutIdle;
    private static int sequence;

    static {
        MAILBOXES.start();
    }

    @LocalServerPort
    int port;

    @Autowired
    MailGateway gateway;

    @Autowired
    MailSettings settings;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    ApiClient sam;
    String tag;
    long teamId;

    @DynamicPropertySource
    static void mailboxesAndKeystore(DynamicPropertyRegistry registry) throws Exception {
        keystore = selfSignedKeystore();
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            lmtpPort = free.getLocalPort(); // the LMTP port cannot be 0 (0 means no LMTP listener)
        }
        registry.add("switchboard.mail.lmtp-port", () -> lmtpPort);
        registry.add("switchboard.mail.starttls.keystore", () -> keystore.toString());
        registry.add("switchboard.mail.starttls.keystore-password", () -> PASSWORD);
        // a mailbox pair per application context (the H2 and PostgreSQL contexts both fetch)
        String imap = "idle" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String pop = "pop" + java.util.UUID.randomUUID().toString().substring(0, 8);
        MAILBOXES.setUser(imap + "@mailhost.test", imap, "secret");
        MAILBOXES.setUser(pop + "@mailhost.test", pop, "secret");
        idleMailbox(registry, 0, MAILBOXES.getImap().getPort(), imap, "idle@crm.test");
        registry.add("switchboard.mail.mailboxes[1].protocol", () -> "pop3");
        registry.add("switchboard.mail.mailboxes[1].host", () -> "127.0.0.1");
        registry.add("switchboard.mail.mailboxes[1].port", () -> MAILBOXES.getPop3().getPort());
        registry.add("switchboard.mail.mailboxes[1].username", () -> pop);
        registry.add("switchboard.mail.mailboxes[1].password", () -> "secret");
        registry.add("switchboard.mail.mailboxes[1].deliver-to", () -> "pop@crm.test");
        registry.add("switchboard.mail.mailboxes[1].poll-every", () -> "300ms");
        // asked to IDLE, on a server that does not offer it: the gateway polls this one instead
        String noIdle = "noidle" + java.util.UUID.randomUUID().toString().substring(0, 8);
        MAILBOXES.setUser(noIdle + "@mailhost.test", noIdle, "secret");
        withoutIdle = new ImapWithoutIdle(MAILBOXES.getImap().getPort());
        idleMailbox(registry, 2, withoutIdle.port(), noIdle, "no-idle@crm.test");
        registry.add("switchboard.mail.mailboxes[2].poll-every", () -> "300ms");
    }

    /** Mailbox {@code n}: IMAP on 127.0.0.1 with IDLE asked for, messages kept and marked seen once stored. */
    private static void idleMailbox(DynamicPropertyRegistry registry, int n, int port, String user, String deliverTo) {
        String key = "switchboard.mail.mailboxes[" + n + "].";
        registry.add(key + "protocol", () -> "imap");
        registry.add(key + "host", () -> "127.0.0.1");
        registry.add(key + "port", () -> port);
        registry.add(key + "username", () -> user);
        registry.add(key + "password", () -> "secret");
        registry.add(key + "deliver-to", () -> deliverTo);
        registry.add(key + "after-fetch", () -> "MARK_SEEN");
        registry.add(key + "idle", () -> "true");
    }

    /** A self-signed PKCS#12 keystore for 127.0.0.1, made with the JDK's keytool. */
    static Path selfSignedKeystore() throws Exception {
        Path file = Files.createTempDirectory("sb-tls").resolve("mx.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "mx", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=crm.test", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        file.toFile().deleteOnExit();
        return file;
    }

    @AfterAll
    static void stopMailboxes() throws Exception {
        MAILBOXES.reset();
        withoutIdle.close();
    }

    @BeforeEach
    void organisation() {
        tag = "f" + (++sequence) + System.nanoTime() % 100000;
        SalesTeam team = SalesTeam.create(port, tag, "Fetch " + tag);
        admin = team.admin();
        sam = team.sam();
        teamId = team.teamId();
    }

    private void alias(String address, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("address", address);
        body.put("teamId", teamId);
        admin.post("/api/v1/mail/aliases", ApiClient.json(body)); // 201, or 409 when an earlier test made it
        jdbc.sql("UPDATE mail_alias SET team_id = ? WHERE address = ?").params(teamId, address).update();
    }

    @Test
    void mailInAnImapMailboxArrivesAtOnceWithIdleAndIsMarkedSeenOnceStored() throws Exception {
        alias("idle@crm.test", Map.of());
        String user = settings.mailboxes().get(0).username();
        Thread.sleep(1500); // the watch has connected and is idling: this message is pushed, not found at start
        String id = "idle-" + tag + "@client.example";
        Instant delivered = Instant.now();
        MAILBOXES.getUserManager().getUser(user).deliver(GreenMailUtil.newMimeMessage(
                MailGatewayContract.message("gus." + tag + "@client.example", user + "@mailhost.test", id, "Via IDLE", null, "Pushed")));
        JsonNode decision = decisionOf(id, Duration.ofSeconds(10));
        Duration took = Duration.between(delivered, Instant.now());
        assertThat(took).as("the poll interval is 10 minutes").isLessThan(Duration.ofSeconds(8));
        assertThat(decision.get("kind").asString()).isEqualTo("NEW_CASE");
        assertThat(decision.get("recipients").asString()).isEqualTo("idle@crm.test");
        JsonNode lead = sam.ok(200, sam.get("/api/v1/opportunities/" + decision.get("caseId").asLong()));
        assertThat(lead.get("name").asString()).isEqualTo("Via IDLE");
        GreenMailUser mailbox = MAILBOXES.getUserManager().getUser(user);
        var stored = MAILBOXES.getManagers().getImapHostManager().getInbox(mailbox).getMessages();
        assertThat(stored).as("kept on the server, marked seen").isNotEmpty()
                .allSatisfy(m -> assertThat(m.isSet(Flags.Flag.SEEN)).isTrue());
    }

    @Test
    void anImapMailboxWhoseServerHasNoIdleIsPolledInsteadAndEveryMessageArrives() throws Exception {
        alias("no-idle@crm.test", Map.of());
        String user = settings.mailboxes().get(2).username();
        GreenMailUser mailbox = MAILBOXES.getUserManager().getUser(user);
        for (String subject : List.of("First without IDLE", "Second without IDLE")) {
            String id = subject.replace(' ', '-') + "-" + tag + "@client.example";
            mailbox.deliver(GreenMailUtil.newMimeMessage(
                    MailGatewayContract.message("hal." + tag + "@client.example", user + "@mailhost.test", id, subject, null, "Polled")));
            JsonNode decision = decisionOf(id, Duration.ofSeconds(20));
            assertThat(decision.get("kind").asString()).isEqualTo("NEW_CASE");
            assertThat(decision.get("recipients").asString()).isEqualTo("no-idle@crm.test");
            assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + decision.get("caseId").asLong())).get("name").asString())
                    .isEqualTo(subject);
        }
        assertThat(withoutIdle.idleCommands()).as("the server did not offer IDLE, so none was sent").isZero();
        Eventually.eventually(() -> {
            try {
                var stored = MAILBOXES.getManagers().getImapHostManager().getInbox(mailbox).getMessages();
                return stored.size() == 2 && stored.stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)) ? true : null;
            } catch (Exception e) {
                return null;
            }
        });
    }

    @Test
    void mailInAPop3MailboxIsPolledAndDeletedOnceStored() throws Exception {
        alias("pop@crm.test", Map.of());
        String user = settings.mailboxes().get(1).username();
        String id = "pop-" + tag + "@client.example";
        GreenMailUser mailbox = MAILBOXES.getUserManager().getUser(user);
        mailbox.deliver(GreenMailUtil.newMimeMessage(
                MailGatewayContract.message("hal." + tag + "@client.example", user + "@mailhost.test", id, "Via POP3", null, "Polled")));
        JsonNode decision = decisionOf(id, Duration.ofSeconds(20));
        assertThat(decision.get("kind").asString()).isEqualTo("NEW_CASE");
        assertThat(decision.get("recipients").asString()).isEqualTo("pop@crm.test");
        assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + decision.get("caseId").asLong())).get("name").asString())
                .isEqualTo("Via POP3");
        Eventually.eventually(() -> {
            try {
                return MAILBOXES.getManagers().getImapHostManager().getInbox(mailbox).getNonDeletedMessages().isEmpty() ? true : null;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void withStartTlsRequiredMailInTheClearIsRefusedAndAClientThatSwitchesToTlsDelivers() throws Exception {
        alias("secure@crm.test", Map.of());
        try (SmtpClient clear = new SmtpClient("127.0.0.1", gateway.smtpPort())) {
            assertThat(clear.send("ivy@client.example", "secure@crm.test", "Subject: clear\r\n\r\nno")).startsWith("530 5.7.0");
        }
        String id = "tls-" + tag + "@client.example";
        send(id, "ivy." + tag + "@client.example", "secure@crm.test", "Over TLS");
        JsonNode decision = decisionOf(id, Duration.ofSeconds(20));
        assertThat(decision.get("kind").asString()).isEqualTo("NEW_CASE");
        String raw = new String(jdbc.sql("SELECT raw FROM inbound_message WHERE id = ?").param(decision.get("inboundId").asLong())
                .query((rs, n) -> rs.getBytes(1)).single(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(raw).contains("with ESMTPS");
    }

    @Test
    void theLmtpListenerOffersStartTlsOnItsOwnSettingAndDeliversOverIt() throws Exception {
        alias("lmtp@crm.test", Map.of());
        String id = "lmtp-" + tag + "@mta.example";
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", lmtpPort)) {
            plain.setSoTimeout(10_000);
            LineSession clear = new LineSession(plain);
            assertThat(clear.reply()).startsWith("220");
            assertThat(clear.command("LHLO mta.example")).contains("STARTTLS");
            assertThat(clear.command("MAIL FROM:<kim@client.example>")).as("optional here, unlike SMTP").startsWith("250");
            assertThat(clear.command("RSET")).startsWith("250");
            assertThat(clear.command("STARTTLS")).startsWith("220");
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) trustingKeystore().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", lmtpPort, true);
            tls.startHandshake();
            LineSession secure = new LineSession(tls);
            assertThat(secure.command("LHLO mta.example")).startsWith("250");
            assertThat(secure.command("MAIL FROM:<kim@client.example>")).startsWith("250");
            assertThat(secure.command("RCPT TO:<lmtp@crm.test>")).startsWith("250");
            assertThat(secure.command("DATA")).startsWith("354");
            assertThat(secure.command(MailGatewayContract.message("kim." + tag + "@client.example", "lmtp@crm.test", id, "Via LMTP", null,
                    "Relayed by our MTA") + ".")).startsWith("250");
        }
        JsonNode decision = decisionOf(id, Duration.ofSeconds(20));
        assertThat(decision.get("kind").asString()).isEqualTo("NEW_CASE");
        assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + decision.get("caseId").asLong())).get("name").asString())
                .isEqualTo("Via LMTP");
    }

    /** Line-at-a-time SMTP/LMTP over any socket; a reply is its lines joined, up to the one without a dash. */
    private static final class LineSession {
        private final java.io.BufferedReader in;
        private final java.io.OutputStream out;

        LineSession(java.net.Socket socket) throws java.io.IOException {
            in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        String command(String text) throws java.io.IOException {
            out.write((text + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        String reply() throws java.io.IOException {
            StringBuilder all = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new java.io.IOException("connection closed after " + all);
                }
                all.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            return all.toString().strip();
        }
    }

    @Test
    void withDomainLinkingOnForAllAnUnknownSenderGetsItsCompanyUnlessTheAliasSaysNo() throws Exception {
        alias("linked@crm.test", Map.of());
        alias("unlinked@crm.test", Map.of("partnerByDomain", false));
        String domain = "umbrella-" + tag + ".example";
        long umbrella = admin.ok(201, admin.post("/api/v1/partners", ApiClient.json(Map.of("kind", "COMPANY", "name", "Umbrella " + tag,
                "website", domain)))).get("id").asLong();

        String linked = "dom-" + tag + "@client.example";
        send(linked, "jill@" + domain, "linked@crm.test", "Linked by domain");
        JsonNode lead = sam.ok(200, sam.get("/api/v1/opportunities/" + decisionOf(linked, Duration.ofSeconds(20)).get("caseId").asLong()));
        assertThat(lead.get("partnerId").asLong()).isEqualTo(umbrella);
        assertThat(lead.get("email").asString()).isEqualTo("jill@" + domain);

        String unlinked = "nodom-" + tag + "@client.example";
        send(unlinked, "jill@" + domain, "unlinked@crm.test", "Not linked");
        assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + decisionOf(unlinked, Duration.ofSeconds(20)).get("caseId").asLong()))
                .get("partnerId")).isNull();

        String free = "free-" + tag + "@client.example";
        send(free, "jill-" + tag + "@outlook.com", "linked@crm.test", "Free mail");
        assertThat(sam.ok(200, sam.get("/api/v1/opportunities/" + decisionOf(free, Duration.ofSeconds(20)).get("caseId").asLong()))
                .get("partnerId")).isNull();
    }

    /**
     * Sends with Jakarta Mail over STARTTLS, trusting exactly the keystore's certificate: the handshake is
     * real and the certificate is the one configured.
     */
    private void send(String messageId, String from, String to, String subject) throws Exception {
        SSLContext tls = trustingKeystore();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(gateway.smtpPort()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", tls.getSocketFactory());
        MimeMessage message = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello");
        Transport.send(message);
    }

    /** TLS that trusts exactly the generated certificate. */
    private static SSLContext trustingKeystore() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }

    JsonNode decisionOf(String messageId, Duration within) {
        return Eventually.within(within, "no decision for " + messageId + " within " + within, () -> {
            for (JsonNode d : admin.ok(200, admin.get("/api/v1/mail/decisions?limit=1000"))) {
                if (messageId.equals(d.path("messageId").asString(null))) {
                    return d;
                }
            }
            return null;
        });
    }
}
