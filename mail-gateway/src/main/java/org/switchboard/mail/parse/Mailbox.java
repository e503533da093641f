package org.switchboard.mail.parse;

/** A person's address as written in a header: display name (decoded, may be empty) and address (lower case). */
public record Mailbox(String name, String address) {
}
