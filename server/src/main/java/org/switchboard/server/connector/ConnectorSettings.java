package org.switchboard.server.connector;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.connector.*}, documented in docs/configuration.md.
 *
 * @param allowedOrigins origins whose pages may call /api/connector/** from a browser (the Outlook add-in's
 *                       task pane, e.g. https://addin.example.com); empty: same origin only. Thunderbird needs
 *                       none: an extension with host permission is not held to CORS.
 * @param tokenLifetime  how long a token issued to an add-in works; the user logs in from the add-in again after
 */
@ConfigurationProperties("switchboard.connector")
public record ConnectorSettings(@DefaultValue List<String> allowedOrigins, @DefaultValue("180d") Duration tokenLifetime, String publicUrl) {
}
