package org.switchboard.server.connector;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/** Binds {@code switchboard.connector.*} and answers CORS for the add-ins' API. */
@Configuration
@EnableConfigurationProperties(ConnectorSettings.class)
class ConnectorConfiguration {
    static final String API = "/api/connector/";

    /**
     * CORS for {@code /api/connector/**}, for the listed origins only. Any other origin gets no CORS headers
     * at all (rather than a refusal): a browser then keeps the answer from the page, while a caller that is
     * not held to CORS, such as a Thunderbird extension sending its moz-extension:// origin, is served as usual.
     */
    @Bean
    CorsConfigurationSource connectorCors(ConnectorSettings settings) {
        Set<String> allowed = settings.allowedOrigins().stream().map(String::strip).filter(o -> !o.isEmpty())
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).collect(Collectors.toSet());
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(List.copyOf(allowed));
        config.setAllowedMethods(List.of("GET", "POST"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        config.setExposedHeaders(List.of("Location"));
        // Tokens travel in the Authorization header, never in cookies.
        config.setAllowCredentials(false);
        config.setMaxAge(3600L);
        return request -> {
            String origin = request.getHeader("Origin");
            boolean connectorApi = request.getRequestURI().startsWith(request.getContextPath() + API);
            return connectorApi && origin != null && allowed.contains(origin) ? config : null;
        };
    }
}
