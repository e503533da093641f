package org.switchboard.mail.smtp;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPProtocol;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.core.DataCmdHandler;

/** SMTP or LMTP with sessions that fail the transaction, instead of dropping a line, on an overlong data line. */
final class GatewayProtocol extends SMTPProtocol {

    private final String name;
    private final int maxLineLength;

    GatewayProtocol(String name, ProtocolHandlerChain chain, SMTPConfiguration config, int maxLineLength) {
        super(chain, config);
        this.name = name;
        this.maxLineLength = maxLineLength;
    }

    @Override
    public ProtocolSession newSession(ProtocolTransport transport) {
        return new Session(transport, (SMTPConfiguration) getConfiguration(), maxLineLength);
    }

    @Override
    public String getName() {
        return name;
    }

    static final class Session extends SMTPSessionImpl {
        private final int maxLineLength;
        private DataFlags dataFlags = new DataFlags();

        Session(ProtocolTransport transport, SMTPConfiguration config, int maxLineLength) {
            super(transport, config);
            this.maxLineLength = maxLineLength;
        }

        /**
         * Netty discards an overlong line. In DATA that would silently cut a line out of the message, so the
         * transaction is marked for refusal at the end of data instead, and nothing is written mid-DATA.
         */
        @Override
        public Response newLineTooLongResponse() {
            if (getAttachment(DataCmdHandler.MAILENV, State.Transaction).isPresent()) {
                dataFlags.refusal = "5.6.0 Message refused: a line is longer than " + maxLineLength + " octets";
                // Unknown how the discarded line ended: a following ".CRLF" does not end the data.
                dataFlags.lastLineUnclean = true;
                return null;
            }
            return super.newLineTooLongResponse();
        }

        /** The flags of the current transaction's DATA. */
        DataFlags dataFlags() {
            return dataFlags;
        }

        /** Ends the transaction (after a message, RSET, a refusal): its data flags go with it. */
        @Override
        public void resetState() {
            super.resetState();
            dataFlags = new DataFlags();
        }
    }
}
