package org.switchboard.server.mail;

import java.util.stream.Collectors;

import org.switchboard.mail.parse.ParsedMessage;

/** A message as the history shows it: the headers people read, then the text, then the attachment names. */
final class MessageText {
    private MessageText() {
    }

    static String of(ParsedMessage m) {
        StringBuilder s = new StringBuilder();
        m.from().ifPresent(f -> s.append("From: ").append(CaseMessages.show(f)).append('\n'));
        if (!m.to().isEmpty()) {
            s.append("To: ").append(m.to().stream().map(CaseMessages::show).collect(Collectors.joining(", "))).append('\n');
        }
        if (!m.cc().isEmpty()) {
            s.append("Cc: ").append(m.cc().stream().map(CaseMessages::show).collect(Collectors.joining(", "))).append('\n');
        }
        m.date().ifPresent(d -> s.append("Date: ").append(d).append('\n'));
        s.append("Subject: ").append(m.subject()).append('\n');
        m.messageId().ifPresent(id -> s.append("Message-ID: <").append(id).append(">\n"));
        s.append('\n').append(m.textBody().strip());
        if (!m.attachments().isEmpty()) {
            s.append("\n\nAttachments: ").append(m.attachments().stream().map(a -> a.filename() + " (" + a.size() + " bytes)")
                    .collect(Collectors.joining(", ")));
        }
        return s.toString();
    }

}
