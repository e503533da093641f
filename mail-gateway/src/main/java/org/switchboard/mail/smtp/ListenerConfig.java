package org.switchboard.mail.smtp;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of one SMTP or LMTP listener.
 *
 * @param protocol             SMTP (direct MX) or LMTP (behind Postfix: {@code lmtp:inet:host:port})
 * @param bindAddress          interface to listen on, e.g. "0.0.0.0" or "127.0.0.1"
 * @param port                 TCP port; 0 picks a free one (see {@link MailListener#port()})
 * @param helloName            our host name in the greeting, EHLO reply and Received header
 * @param maxMessageSize       bytes, announced as {@code SIZE} (RFC 1870) and enforced while receiving;
 *                             must be positive: James treats 0 as unlimited
 * @param maxRecipients        recipients per transaction
 * @param maxConnections       concurrent connections in total
 * @param maxConnectionsPerIp  concurrent connections from one address
 * @param idleTimeoutSeconds   a connection silent this long is closed
 * @param maxLineLength        longest line accepted in commands and data (RFC 5321 §4.5.3.1.6 asks for 1000;
 *                             real mail has longer lines); a longer line fails the transaction
 * @param memoryThreshold      message bytes kept in memory before spilling to a temporary file
 * @param spillDirectory       where temporary files go; empty for the JVM's temp directory
 * @param startTls             keystore to offer STARTTLS with (SMTP, or LMTP from an MTA on another host); empty: none
 * @param startTlsRequired     refuse MAIL with {@code 530 5.7.0} until the client has done STARTTLS (RFC 3207 §4);
 *                             never on a public MX (RFC 3207 §4: a publicly referenced server must not require it)
 */
public record ListenerConfig(
        Protocol protocol,
        String bindAddress,
        int port,
        String helloName,
        long maxMessageSize,
        int maxRecipients,
        int maxConnections,
        int maxConnectionsPerIp,
        int idleTimeoutSeconds,
        int maxLineLength,
        int memoryThreshold,
        Optional<Path> spillDirectory,
        Optional<TlsKeystore> startTls,
        boolean startTlsRequired) {

    public enum Protocol { SMTP, LMTP }

    public ListenerConfig {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive (0 would mean unlimited in James)");
        }
        if (maxLineLength < 1000) {
            throw new IllegalArgumentException("maxLineLength below RFC 5321's 1000 octets");
        }
        if (startTlsRequired && startTls.isEmpty()) {
            throw new IllegalArgumentException("STARTTLS can only be required with a keystore to offer it with");
        }
    }

    /** Without STARTTLS required. */
    public ListenerConfig(Protocol protocol, String bindAddress, int port, String helloName, long maxMessageSize, int maxRecipients,
            int maxConnections, int maxConnectionsPerIp, int idleTimeoutSeconds, int maxLineLength, int memoryThreshold,
            Optional<Path> spillDirectory, Optional<TlsKeystore> startTls) {
        this(protocol, bindAddress, port, helloName, maxMessageSize, maxRecipients, maxConnections, maxConnectionsPerIp,
                idleTimeoutSeconds, maxLineLength, memoryThreshold, spillDirectory, startTls, false);
    }

    /** Sensible defaults: 25 MB messages, 100 recipients, 200 connections (20 per address), 5 min idle. */
    public static ListenerConfig defaults(Protocol protocol, String helloName) {
        return new ListenerConfig(protocol, "0.0.0.0", protocol == Protocol.SMTP ? 25 : 24, helloName,
                25L * 1024 * 1024, 100, 200, 20, 300, 64 * 1024, 256 * 1024, Optional.empty(), Optional.empty());
    }

    public ListenerConfig withAddress(String newBindAddress, int newPort) {
        return new ListenerConfig(protocol, newBindAddress, newPort, helloName, maxMessageSize, maxRecipients,
                maxConnections, maxConnectionsPerIp, idleTimeoutSeconds, maxLineLength, memoryThreshold,
                spillDirectory, startTls, startTlsRequired);
    }

    public ListenerConfig withLimits(long newMaxMessageSize, int newMaxConnectionsPerIp, int newIdleTimeoutSeconds) {
        return new ListenerConfig(protocol, bindAddress, port, helloName, newMaxMessageSize, maxRecipients,
                maxConnections, newMaxConnectionsPerIp, newIdleTimeoutSeconds, maxLineLength, memoryThreshold,
                spillDirectory, startTls, startTlsRequired);
    }

    public ListenerConfig withMemoryThreshold(int newMemoryThreshold) {
        return new ListenerConfig(protocol, bindAddress, port, helloName, maxMessageSize, maxRecipients,
                maxConnections, maxConnectionsPerIp, idleTimeoutSeconds, maxLineLength, newMemoryThreshold,
                spillDirectory, startTls, startTlsRequired);
    }

    /** Offers STARTTLS; clients may still send in the clear. */
    public ListenerConfig withStartTls(TlsKeystore keystore) {
        return withStartTls(keystore, false);
    }

    /** Offers STARTTLS; with {@code required}, MAIL is refused with 530 until the client has switched to TLS. */
    public ListenerConfig withStartTls(TlsKeystore keystore, boolean required) {
        return new ListenerConfig(protocol, bindAddress, port, helloName, maxMessageSize, maxRecipients,
                maxConnections, maxConnectionsPerIp, idleTimeoutSeconds, maxLineLength, memoryThreshold,
                spillDirectory, Optional.of(keystore), required);
    }
}
