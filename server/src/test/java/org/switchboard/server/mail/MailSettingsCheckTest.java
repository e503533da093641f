package org.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.switchboard.mail.poll.MailboxConfig;

/** {@code switchboard.mail.*} bound as Spring binds it: a wrong mailbox or STARTTLS entry stops the start naming its key. */
class MailSettingsCheckTest {

    private static MailSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("switchboard.mail", MailSettings.class);
    }

    private static Map<String, String> mailbox(String protocol) {
        Map<String, String> p = new HashMap<>();
        p.put("switchboard.mail.mailboxes[0].protocol", protocol);
        p.put("switchboard.mail.mailboxes[0].host", "imap.example.com");
        p.put("switchboard.mail.mailboxes[0].username", "sales");
        p.put("switchboard.mail.mailboxes[0].password", "secret");
        p.put("switchboard.mail.mailboxes[0].deliver-to", "sales@crm.example.com");
        return p;
    }

    @Test
    void defaultsAreSane() {
        MailSettings settings = bind(Map.of());
        assertThat(settings.sendingLease()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.partnerByDomain()).isFalse();
        assertThat(settings.publicDomains()).contains("gmail.com", "outlook.com", "yahoo.com");
        assertThat(StartTlsSetting.mode(settings.starttls())).isEqualTo(StartTlsSetting.Mode.OFF);
        StartTlsSetting.check(settings.starttls()); // off: nothing to check
    }

    @Test
    void theSecureProtocolNamesImplyTlsAndTheirStandardPorts() {
        MailboxFetchers.Fetch imaps = MailboxFetchers.fetches(bind(mailbox("imaps"))).get(0);
        assertThat(imaps.config().protocol()).isEqualTo(MailboxConfig.Protocol.IMAP);
        assertThat(imaps.config().tls()).isTrue();
        assertThat(imaps.config().port()).isEqualTo(993);
        assertThat(imaps.idle()).as("IDLE by default").isTrue();
        assertThat(imaps.pollEvery()).isEqualTo(Duration.ofSeconds(60));

        Map<String, String> pop = mailbox("POP3S");
        pop.put("switchboard.mail.mailboxes[0].poll-every", "30s");
        MailboxFetchers.Fetch pop3s = MailboxFetchers.fetches(bind(pop)).get(0);
        assertThat(pop3s.config().protocol()).isEqualTo(MailboxConfig.Protocol.POP3);
        assertThat(pop3s.config().port()).isEqualTo(995);
        assertThat(pop3s.idle()).as("POP3 cannot IDLE").isFalse();
        assertThat(pop3s.pollEvery()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWrongMailboxEntryNamesItsKey() {
        assertThatThrownBy(() -> MailboxFetchers.fetches(bind(mailbox("smtp"))))
                .hasMessage("switchboard.mail.mailboxes[0].protocol must be IMAP, IMAPS, POP3 or POP3S, not 'smtp'");
        Map<String, String> noHost = mailbox("imap");
        noHost.remove("switchboard.mail.mailboxes[0].host");
        assertThatThrownBy(() -> MailboxFetchers.fetches(bind(noHost))).hasMessage("switchboard.mail.mailboxes[0].host is required");
        Map<String, String> badAlias = mailbox("imap");
        badAlias.put("switchboard.mail.mailboxes[0].deliver-to", "sales");
        assertThatThrownBy(() -> MailboxFetchers.fetches(bind(badAlias))).hasMessageStartingWith("switchboard.mail.mailboxes[0].deliver-to must be");
        Map<String, String> popSeen = mailbox("pop3");
        popSeen.put("switchboard.mail.mailboxes[0].after-fetch", "MARK_SEEN");
        assertThatThrownBy(() -> MailboxFetchers.fetches(bind(popSeen))).hasMessageStartingWith("switchboard.mail.mailboxes[0].after-fetch POP3");
    }

    @Test
    void startTlsOnNeedsAKeystoreThatOpens(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.mode", "sometimes")).starttls()))
                .hasMessage("switchboard.mail.starttls.mode must be OFF, OPTIONAL or REQUIRED, not 'sometimes'");
        assertThatThrownBy(() -> StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.mode", "required")).starttls()))
                .hasMessage("switchboard.mail.starttls.keystore is required when switchboard.mail.starttls.mode is required");
        assertThatThrownBy(() -> StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.lmtp-mode", "always")).starttls()))
                .hasMessage("switchboard.mail.starttls.lmtp-mode must be OFF, OPTIONAL or REQUIRED, not 'always'");
        assertThatThrownBy(() -> StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.lmtp-mode", "optional")).starttls()))
                .hasMessage("switchboard.mail.starttls.keystore is required when switchboard.mail.starttls.lmtp-mode is optional");
        Path missing = dir.resolve("none.p12");
        assertThatThrownBy(() -> StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.mode", "optional",
                "switchboard.mail.starttls.keystore", missing.toString())).starttls())).hasMessageContaining("cannot be read");
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a keystore");
        assertThatThrownBy(() -> StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.mode", "optional",
                "switchboard.mail.starttls.keystore", garbage.toString(), "switchboard.mail.starttls.keystore-password", "x")).starttls()))
                .hasMessageContaining("cannot be opened as PKCS12");
        Path good = MailFetchAndTlsContract.selfSignedKeystore();
        StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.mode", "required", "switchboard.mail.starttls.keystore", good.toString(),
                "switchboard.mail.starttls.keystore-password", MailFetchAndTlsContract.PASSWORD)).starttls());
        assertThatThrownBy(() -> StartTlsSetting.check(bind(Map.of("switchboard.mail.starttls.mode", "required",
                "switchboard.mail.starttls.keystore", good.toString(), "switchboard.mail.starttls.keystore-password", "wrong")).starttls()))
                .hasMessageContaining("keystore-password");
    }

    @Test
    void websiteHostsAreComparedWithoutSchemeWwwPortOrPath() {
        assertThat(CompanyByDomain.host("https://www.Acme.example:8443/en?x=1")).isEqualTo("acme.example");
        assertThat(CompanyByDomain.host("acme.example")).isEqualTo("acme.example");
        assertThat(CompanyByDomain.host("www.acme.example/")).isEqualTo("acme.example");
        assertThat(CompanyByDomain.host("http://shop.acme.example")).isEqualTo("shop.acme.example");
    }
}
