package org.switchboard.server.mail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Locale;

import org.switchboard.mail.smtp.ListenerConfig;
import org.switchboard.mail.smtp.TlsKeystore;

/**
 * {@code switchboard.mail.starttls.*} applied to the listeners: {@code mode} to SMTP, {@code lmtp-mode} to
 * LMTP, one keystore for both. Checked before anything binds, so a missing or unreadable keystore stops
 * the start with the key to fix rather than a TLS error at the first client.
 */
final class StartTlsSetting {
    private static final String KEY = "switchboard.mail.starttls.";

    private StartTlsSetting() {
    }

    enum Mode { OFF, OPTIONAL, REQUIRED }

    /** The SMTP listener's mode. */
    static Mode mode(MailSettings.StartTls tls) {
        return mode(tls.mode(), "mode");
    }

    static Mode lmtpMode(MailSettings.StartTls tls) {
        return mode(tls.lmtpMode(), "lmtp-mode");
    }

    private static Mode mode(String value, String key) {
        try {
            return Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEY + key + " must be OFF, OPTIONAL or REQUIRED, not '" + value + "'");
        }
    }

    /** Fails with the key to fix when STARTTLS is on for a listener and its keystore cannot be opened. */
    static void check(MailSettings.StartTls tls) {
        Mode smtp = mode(tls);
        Mode lmtp = lmtpMode(tls);
        if (smtp == Mode.OFF && lmtp == Mode.OFF) {
            return;
        }
        if (tls.keystore().isBlank()) {
            throw new IllegalStateException(KEY + "keystore is required when " + KEY + (smtp != Mode.OFF ? "mode is " + tls.mode()
                    : "lmtp-mode is " + tls.lmtpMode()));
        }
        Path path = Path.of(tls.keystore());
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(KEY + "keystore " + path + " cannot be read");
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(tls.keystoreType());
            store.load(in, tls.keystorePassword().toCharArray());
            if (store.size() == 0) {
                throw new IllegalStateException(KEY + "keystore " + path + " holds no key");
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(KEY + "keystore " + path + " cannot be opened as " + tls.keystoreType()
                    + " with " + KEY + "keystore-password: " + e.getMessage(), e);
        }
    }

    static ListenerConfig apply(MailSettings.StartTls tls, ListenerConfig config) {
        Mode mode = config.protocol() == ListenerConfig.Protocol.LMTP ? lmtpMode(tls) : mode(tls);
        if (mode == Mode.OFF) {
            return config;
        }
        TlsKeystore keystore = new TlsKeystore(Path.of(tls.keystore()), tls.keystoreType(), tls.keystorePassword().toCharArray());
        return config.withStartTls(keystore, mode == Mode.REQUIRED);
    }
}
