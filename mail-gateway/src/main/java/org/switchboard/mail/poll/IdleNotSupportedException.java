package org.switchboard.mail.poll;

import jakarta.mail.MessagingException;

/** The IMAP server does not announce IDLE in its capabilities: poll the mailbox instead of watching it. */
public final class IdleNotSupportedException extends MessagingException {
    private static final long serialVersionUID = 1L;

    public IdleNotSupportedException(String message) {
        super(message);
    }
}
