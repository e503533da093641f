package org.switchboard.server.opportunity;

/** A lead is an unqualified request; qualified, it becomes an opportunity. One table holds both. */
public enum CaseType {
    LEAD,
    OPPORTUNITY
}
