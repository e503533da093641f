package org.switchboard.mail.smtp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandlerResultLogger;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.lmtp.core.LhloCmdHandler;
import org.apache.james.protocols.netty.AllButStartTlsLineChannelHandlerFactory;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;
import org.apache.james.protocols.netty.NettyServer;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.apache.james.protocols.smtp.core.MailCmdHandler;
import org.apache.james.protocols.smtp.core.NoopCmdHandler;
import org.apache.james.protocols.smtp.core.QuitCmdHandler;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.UnknownCmdHandler;
import org.apache.james.protocols.smtp.core.WelcomeMessageHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.StartTlsCmdHandler;
import org.apache.james.protocols.smtp.core.fastfail.MaxRcptHandler;
import org.apache.james.protocols.smtp.core.fastfail.MaxUnknownCmdHandler;
import org.switchboard.mail.spi.InboundSpool;

/**
 * An SMTP or LMTP listener that validates recipients against a {@link RecipientCheck} and commits every
 * accepted message to an {@link InboundSpool} before answering {@code 250}.
 *
 * <pre>
 * MailListener smtp = new MailListener(ListenerConfig.defaults(Protocol.SMTP, "mx.example.com"), spool, recipients);
 * smtp.start();      // binds; smtp.port() tells the port when 0 was configured
 * ...
 * smtp.close();
 * </pre>
 *
 * The handler chain is assembled here (James ships an LMTP chain only in its test sources); the behaviour
 * we add sits in small hooks: {@link BareLineEndingGuard}, {@link RecipientHook}, {@link SpoolMessageHook},
 * {@link LmtpDeliveryHook}.
 */
public final class MailListener implements AutoCloseable {

    private final ListenerConfig config;
    private final InboundSpool spool;
    private final RecipientCheck recipients;
    private NettyServer server;

    public MailListener(ListenerConfig config, InboundSpool spool, RecipientCheck recipients) {
        this.config = config;
        this.spool = spool;
        this.recipients = recipients;
    }

    /** Binds the listening socket. */
    public synchronized void start() throws Exception {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        boolean lmtp = config.protocol() == ListenerConfig.Protocol.LMTP;
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
        chain.addAll(handlers(lmtp));
        chain.wireExtensibleHandlers();
        GatewayProtocol protocol = new GatewayProtocol(config.protocol().name(), chain,
                new GatewayConfiguration(config), config.maxLineLength());

        Optional<Encryption> startTls = Optional.empty();
        if (config.startTls().isPresent()) {
            startTls = Optional.of(Encryption.createStartTls(config.startTls().get().sslContext()));
        }
        NettyServer netty = new NettyServer.Factory()
                .protocol(protocol)
                .secure(startTls.orElse(null))
                // With STARTTLS, James's framer also refuses commands pipelined after STARTTLS (CVE-2021-38542).
                .frameHandlerFactory(startTls.isPresent()
                        ? new AllButStartTlsLineChannelHandlerFactory("starttls", config.maxLineLength())
                        : new LineDelimiterBasedChannelHandlerFactory(config.maxLineLength()))
                .build();
        netty.setListenAddresses(new InetSocketAddress(config.bindAddress(), config.port()));
        netty.setTimeout(config.idleTimeoutSeconds());
        netty.setMaxConcurrentConnections(config.maxConnections());
        netty.setMaxConcurrentConnectionsPerIP(config.maxConnectionsPerIp());
        netty.setBossWorkerCount(Optional.of(1));
        netty.setGracefulShutdown(false);
        netty.bind();
        server = netty;
    }

    /** The bound port (useful when the configured port was 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getListenAddresses().get(0).getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.unbind();
            server = null;
        }
    }

    private List<ProtocolHandler> handlers(boolean lmtp) {
        MetricFactory metrics = new NoMetrics();
        SpoolWriter writer = new SpoolWriter(spool, config.protocol().name());
        MaxRcptHandler maxRecipients = new MaxRcptHandler();
        maxRecipients.setMaxRcpt(config.maxRecipients());

        List<ProtocolHandler> handlers = new ArrayList<>();
        handlers.add(new CommandDispatcher<SMTPSession>());
        if (lmtp) {
            handlers.add(new org.apache.james.protocols.lmtp.core.WelcomeMessageHandler());
            handlers.add(new LhloCmdHandler(metrics));
        } else {
            handlers.add(new WelcomeMessageHandler());
            handlers.add(new EhloCmdHandler(metrics));
            handlers.add(new HeloCmdHandler(metrics));
        }
        handlers.add(new MailCmdHandler(metrics));
        handlers.add(new RcptCmdHandler(metrics));
        handlers.add(new SpoolingDataCmdHandler(config));
        handlers.add(new RsetCmdHandler());
        handlers.add(new NoopCmdHandler());
        handlers.add(new QuitCmdHandler(metrics));
        if (config.startTls().isPresent()) {
            handlers.add(new StartTlsCmdHandler());
        }
        handlers.add(new UnknownCmdHandler(metrics));
        // A client that keeps sending what is not SMTP (e.g. an HTTP request aimed at this port) is cut off.
        handlers.add(new MaxUnknownCmdHandler());

        // DATA line filters run in this order: the smuggling guard must see every line first.
        handlers.add(new BareLineEndingGuard(lmtp));
        // SIZE (RFC 1870): EHLO keyword, MAIL FROM parameter, counting while receiving, refusal at the end.
        handlers.add(new SizeLimit());
        handlers.add(lmtp ? new EnvelopeCleanup.Lmtp() : new EnvelopeCleanup.Smtp());

        // RCPT hooks: the first that answers wins.
        handlers.add(maxRecipients);
        // No James PostmasterAbuseRcptHook: it accepts postmaster@ and abuse@ of *any* domain. RFC 5321 §4.5.1
        // postmaster addresses of our domains are aliases (or covered by a catch-all) in the directory.
        handlers.add(new RecipientHook(recipients));
        if (config.startTlsRequired()) {
            handlers.add(new RequireTlsHook());
        }

        handlers.add(lmtp ? new LmtpDeliveryHook(writer) : new SpoolMessageHook(writer));
        handlers.add(new EnvelopeCleanup());
        handlers.add(new CommandHandlerResultLogger());
        return handlers;
    }
}
