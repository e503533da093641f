package org.switchboard.server.team;

import java.util.List;

/** A sales team (OpenERP's sales section): its leader and members. */
public record Team(long id, String name, Long leaderId, List<Long> memberIds) {
}
