package org.switchboard.server.phonecall;

import java.time.Instant;

/** A call list: the calls of one mass campaign, worked by the operators of a team. */
public record CallCampaign(long id, String name, Long teamId, String teamName, Instant createdAt) {
}
