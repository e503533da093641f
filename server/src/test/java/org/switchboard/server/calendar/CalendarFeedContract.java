package org.switchboard.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.switchboard.server.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The secret .ics feed as a calendar application polls it: no login, the token in the URL; her meetings
 * and consolidated items in one calendar ical4j parses; 304 while nothing changed; a new or revoked token
 * closes the old URL. Runs on H2 and on PostgreSQL (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CalendarFeedContract {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    CalendarOrganisation org;

    @BeforeEach
    void organisation() {
        org = new CalendarOrganisation(port);
    }

    /** The path of the feed URL the API gave (its host is switchboard.public-url, not this test server). */
    private String issue() {
        JsonNode feed = org.alice.ok(201, org.alice.post("/api/v1/users/me/calendar-feed", "{}"));
        assertThat(feed.get("url").asString()).matches("https?://.*/calendar/feed/sbf_[A-Za-z0-9_-]{43}\\.ics");
        return URI.create(feed.get("url").asString()).getPath();
    }

    private HttpResponse<String> poll(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> summaries(String ics) throws Exception {
        Calendar c = new CalendarBuilder().build(new StringReader(ics));
        return c.getComponents("VEVENT").stream().map(e -> ((Component) e).getProperty("SUMMARY").orElseThrow().getValue()).toList();
    }

    @Test
    void theFeedHoldsHerMeetingsAndConsolidatedItemsAndAnswers304WhileNothingChanged() throws Exception {
        assertThat(org.alice.ok(200, org.alice.get("/api/v1/users/me/calendar-feed")).get("active").asBoolean()).isFalse();
        org.opportunity("Offer", Map.of("nextAction", "Send offer", "nextActionDate", "2026-12-10", "expectedClosing", "2026-12-20"));
        org.manager.ok(201, org.manager.post("/api/v1/calls", ApiClient.json(Map.of("summary", "Chase the signature",
                "partnerId", org.company, "responsibleId", org.aliceId, "dueAt", "2026-12-11T10:00:00Z"))));
        JsonNode meeting = org.bob.ok(201, org.bob.post("/api/v1/meetings", ApiClient.json(Map.of("title", "Kick-off " + org.tag,
                "start", "2026-12-02T09:00:00Z", "attendees", List.of(Map.of("userId", org.aliceId))))));
        org.carl.ok(201, org.carl.post("/api/v1/meetings", ApiClient.json(Map.of("title", "Not Alice's", "start", "2026-12-02T09:00:00Z"))));
        String path = issue();

        HttpResponse<String> first = poll(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        assertThat(summaries(first.body())).containsExactlyInAnyOrder("Kick-off " + org.tag, "Send offer: Offer " + org.tag,
                "Expected closing: Offer " + org.tag, "Call Globex " + org.tag + ": Chase the signature");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(poll(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(poll(path, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);

        // the meeting is cancelled: the feed changes, and so do both validators
        org.bob.ok(200, org.bob.patch("/api/v1/meetings/" + meeting.get("id").asLong(), "{\"state\": \"CANCELLED\"}",
                "\"" + meeting.get("version").asInt() + "\""));
        HttpResponse<String> changed = poll(path, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("STATUS:CANCELLED");
        String etag2 = changed.headers().firstValue("ETag").orElseThrow();
        assertThat(etag2).isNotEqualTo(etag);

        // an entry that leaves the feed moves Last-Modified too, though no row's timestamp says so
        assertThat(org.bob.delete("/api/v1/meetings/" + meeting.get("id").asLong()).status()).isEqualTo(204);
        HttpResponse<String> after = poll(path, "If-Modified-Since", changed.headers().firstValue("Last-Modified").orElseThrow());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(summaries(after.body())).doesNotContain("Kick-off " + org.tag).hasSize(3);
    }

    @Test
    void aWrongRenewedOrRevokedTokenIsNotFound() throws Exception {
        assertThat(poll("/calendar/feed/sbf_" + "x".repeat(43) + ".ics").statusCode()).isEqualTo(404);
        assertThat(poll("/calendar/feed/nonsense.ics").statusCode()).isEqualTo(404);
        String old = issue();
        assertThat(poll(old).statusCode()).isEqualTo(200);
        String renewed = issue();
        assertThat(poll(old).statusCode()).isEqualTo(404);
        assertThat(poll(renewed).statusCode()).isEqualTo(200);
        assertThat(org.alice.ok(200, org.alice.get("/api/v1/users/me/calendar-feed")).get("active").asBoolean()).isTrue();
        assertThat(org.alice.delete("/api/v1/users/me/calendar-feed").status()).isEqualTo(204);
        assertThat(poll(renewed).statusCode()).isEqualTo(404);
        assertThat(org.alice.ok(200, org.alice.get("/api/v1/users/me/calendar-feed")).get("active").asBoolean()).isFalse();
        assertThat(org.alice.delete("/api/v1/users/me/calendar-feed").status()).isEqualTo(404);
        // the feed URL is no door to anything else
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + renewed))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(403, 405);
    }
}
