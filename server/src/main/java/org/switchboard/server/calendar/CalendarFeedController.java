package org.switchboard.server.calendar;

import org.switchboard.server.web.PublicUrl;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.SwitchboardUser;

/** The user's secret .ics feed: make (or make anew), look, revoke. */
@RestController
@RequestMapping("/api/v1/users/me/calendar-feed")
@Tag(name = "Meetings")
public class CalendarFeedController {
    private final CalendarFeeds feeds;
    private final PublicUrl publicUrl;

    CalendarFeedController(CalendarFeeds feeds, PublicUrl publicUrl) {
        this.feeds = feeds;
        this.publicUrl = publicUrl;
    }

    /** The feed's address, shown once; {@code url} is absent when only the state is read. */
    public record FeedInfo(boolean active, Instant createdAt, String url) {
    }

    @PostMapping
    @Operation(summary = "Make a new secret feed URL (the previous one stops working)",
            description = "Returns the URL once; subscribe to it in any calendar application. Only a hash of the token is kept.")
    public ResponseEntity<FeedInfo> issue(@AuthenticationPrincipal SwitchboardUser actor) {
        String token = feeds.issue(actor.id());
        return ResponseEntity.status(201).body(new FeedInfo(true, feeds.createdAt(actor.id()).orElse(null),
                publicUrl.of(CalendarFeedEndpoint.PATH + token + ".ics")));
    }

    @GetMapping
    @Operation(summary = "Whether I have a feed, and since when (never the URL)")
    public FeedInfo get(@AuthenticationPrincipal SwitchboardUser actor) {
        return feeds.createdAt(actor.id()).map(t -> new FeedInfo(true, t, null)).orElse(new FeedInfo(false, null, null));
    }

    @DeleteMapping
    @Operation(summary = "Revoke my feed: its URL answers 404 from now on")
    public ResponseEntity<Void> revoke(@AuthenticationPrincipal SwitchboardUser actor) {
        if (!feeds.revoke(actor.id())) {
            throw new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "you have no calendar feed", null);
        }
        return ResponseEntity.noContent().build();
    }
}
