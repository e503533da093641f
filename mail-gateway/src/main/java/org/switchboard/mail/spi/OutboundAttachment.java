package org.switchboard.mail.spi;

/** A file to attach to an outgoing message. */
public record OutboundAttachment(String filename, String contentType, byte[] content) {
}
