package org.switchboard.dav.report;

/** addressbook-multiget (RFC 6352 §8.7): the shared {@link Multiget} logic. */
public final class AddressbookMultiget extends Multiget {}
