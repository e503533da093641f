package org.switchboard.mail.smtp;

import java.util.Optional;

import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPConfiguration;

/** James's view of a {@link ListenerConfig}: no relaying, no AUTH, a real size limit. */
final class GatewayConfiguration extends ProtocolConfigurationImpl implements SMTPConfiguration {

    private final ListenerConfig config;

    GatewayConfiguration(ListenerConfig config) {
        super("Switchboard " + config.protocol());
        this.config = config;
    }

    @Override
    public String getHelloName() {
        return config.helloName();
    }

    @Override
    public long getMaxMessageSize() {
        return config.maxMessageSize();
    }

    @Override
    public boolean isRelayingAllowed(String remoteIP) {
        return false;
    }

    @Override
    public boolean isAuthAnnounced(String remoteIP, boolean tlsStarted) {
        return false;
    }

    @Override
    public boolean useHeloEhloEnforcement() {
        return true;
    }

    @Override
    public boolean useAddressBracketsEnforcement() {
        return true;
    }

    @Override
    public boolean isPlainAuthEnabled() {
        return false;
    }

    @Override
    public Optional<OidcSASLConfiguration> saslConfiguration() {
        return Optional.empty();
    }
}
