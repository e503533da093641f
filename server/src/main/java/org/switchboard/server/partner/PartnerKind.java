package org.switchboard.server.partner;

/** A company, or a person (who may be a contact of a company). */
public enum PartnerKind {
    COMPANY,
    PERSON
}
