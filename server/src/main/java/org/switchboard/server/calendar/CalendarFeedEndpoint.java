package org.switchboard.server.calendar;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.WebRequest;
import org.switchboard.server.user.UserRepository;

/**
 * {@code GET /calendar/feed/<token>.ics}: the token is the credential (calendar applications subscribe
 * without logging in), so the path is open to anyone and a wrong or revoked token is a plain 404 that
 * says nothing more. ETag and Last-Modified let applications poll for nothing (304).
 */
@Controller
class CalendarFeedEndpoint {
    static final String PATH = "/calendar/feed/";
    private static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);
    private final CalendarFeeds feeds;
    private final CalendarFeed feed;
    private final UserRepository users;

    CalendarFeedEndpoint(CalendarFeeds feeds, CalendarFeed feed, UserRepository users) {
        this.feeds = feeds;
        this.feed = feed;
        this.users = users;
    }

    @GetMapping(PATH + "{token}.ics")
    ResponseEntity<byte[]> feed(@PathVariable String token, WebRequest request) {
        var user = feeds.userOf(token).flatMap(users::find);
        if (user.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("no such feed\n".getBytes());
        }
        CalendarFeed.Content content = feed.content(user.get());
        Instant lastModified = feeds.lastModified(user.get().id(), content.etag());
        // sets ETag and Last-Modified, and answers 304 for a matching If-None-Match (or, without one, If-Modified-Since)
        if (request.checkNotModified(content.etag(), lastModified.toEpochMilli())) {
            return null;
        }
        return ResponseEntity.ok().contentType(CALENDAR).header("Cache-Control", "private, no-cache").body(feed.render(content));
    }
}
