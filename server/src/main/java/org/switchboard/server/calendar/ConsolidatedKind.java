package org.switchboard.server.calendar;

/**
 * The consolidated read-only calendars every user has in her home, computed from CRM rows: what her
 * cases and calls put on her agenda.
 */
enum ConsolidatedKind {
    NEXT_ACTIONS("crm-next-actions", "Next actions", "Next actions of the cases I am Responsible for", "#f57900"),
    CLOSING("crm-closing", "Expected closings", "Expected closing dates of my open opportunities", "#4e9a06"),
    CALLS("crm-calls", "Calls to make", "Phone calls to do, assigned to me, at their due time", "#c4a000");

    final String collection;
    final String displayName;
    final String description;
    final String color;

    ConsolidatedKind(String collection, String displayName, String description, String color) {
        this.collection = collection;
        this.displayName = displayName;
        this.description = description;
        this.color = color;
    }
}
