package org.switchboard.mail.smtp;

import java.net.InetSocketAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;

/** DATA that receives into a {@link SpoolingEnvelope} headed by our trace header. */
final class SpoolingDataCmdHandler extends DataCmdHandler {

    private final ListenerConfig config;
    private final TraceIds traceIds = new TraceIds();

    SpoolingDataCmdHandler(ListenerConfig config) {
        super(new NoMetrics());
        this.config = config;
    }

    @Override
    protected Response doDATA(SMTPSession session, String argument) {
        MaybeSender sender = session.getAttachment(SMTPSession.SENDER, State.Transaction).orElse(MaybeSender.nullSender());
        List<MailAddress> recipients = session.getAttachment(SMTPSession.RCPT_LIST, State.Transaction).orElse(List.of());
        SpoolingEnvelope envelope = new SpoolingEnvelope(sender, recipients, traceHeader(session),
                config.memoryThreshold(), config.maxMessageSize(), config.spillDirectory());
        session.setAttachment(MAILENV, envelope, State.Transaction);
        session.pushLineHandler(getLineHandler());
        return new SMTPResponse("354", "Ok Send data ending with <CRLF>.<CRLF>");
    }

    /** RFC 5321 §4.4: a server that accepts a message for delivery MUST add a Received line. No "for": Bcc stays hidden. */
    private String traceHeader(SMTPSession session) {
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("unknown");
        InetSocketAddress remote = session.getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        String with = config.protocol() == ListenerConfig.Protocol.LMTP ? "LMTP"
                : session.isTLSStarted() ? "ESMTPS" : "ESMTP";
        return "Received: from " + printable(helo) + " ([" + ip + "])\r\n"
                + "\tby " + config.helloName() + " (Switchboard) with " + with + " id " + traceIds.next() + ";\r\n"
                + "\t" + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n";
    }

    /** The HELO argument comes from the client: keep it to printable ASCII without spaces. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c > 32 && c < 127 && c != '(' && c != ')') {
                out.append(c);
            }
            if (out.length() >= 255) {
                break;
            }
        }
        return out.length() == 0 ? "unknown" : out.toString();
    }
}
