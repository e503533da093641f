package org.switchboard.server.connector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.switchboard.server.web.PublicUrl;

/**
 * The two add-ins as users download them. Both are built by their modules into jars under
 * {@code META-INF/resources/connectors/}, so their files are served as static resources; two need more:
 * Outlook's manifest names the server's own https URLs, which only the running server knows (the
 * {@code ${SWITCHBOARD_URL}} and {@code ${SWITCHBOARD_ORIGIN}} placeholders of connector-outlook, filled
 * from {@code switchboard.public-url}), and
 * Firefox-family clients install an {@code .xpi} only when it is served with its own media type.
 */
@RestController
class AddInDownloads {
    private static final String STATIC = "META-INF/resources/connectors/";
    private final PublicUrl publicUrl;

    AddInDownloads(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @GetMapping(value = "/connectors/outlook/manifest.xml", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> outlookManifest() throws IOException {
        String base = publicUrl.of("");
        URI uri = URI.create(base);
        String origin = uri.getScheme() + "://" + uri.getAuthority();
        String manifest;
        try (InputStream in = new ClassPathResource(STATIC + "outlook/manifest.xml").getInputStream()) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        manifest = manifest.replace("${SWITCHBOARD_URL}", HtmlUtils.htmlEscape(base)).replace("${SWITCHBOARD_ORIGIN}", HtmlUtils.htmlEscape(origin));
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"switchboard-outlook-manifest.xml\"").body(manifest);
    }

    @GetMapping("/connectors/switchboard-thunderbird.xpi")
    ResponseEntity<byte[]> thunderbirdAddOn() throws IOException {
        try (InputStream in = new ClassPathResource(STATIC + "switchboard-thunderbird.xpi").getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-xpinstall")).body(in.readAllBytes());
        }
    }
}
