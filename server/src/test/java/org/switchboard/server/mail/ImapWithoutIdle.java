package org.switchboard.server.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IMAP server that does not announce IDLE (RFC 2177), for the gateway's fallback to polling: a proxy in front
 * of GreenMail's IMAP server (which always announces it) that removes IDLE from every CAPABILITY it passes on,
 * and counts the IDLE commands clients send anyway.
 */
final class ImapWithoutIdle implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicInteger idleCommands = new AtomicInteger();

    ImapWithoutIdle(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "imap-without-idle");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many IDLE commands clients sent (a client that honours the capabilities sends none). */
    int idleCommands() {
        return idleCommands.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                pump(server.getInputStream(), client.getOutputStream(), true, client, server);
                pump(client.getInputStream(), server.getOutputStream(), false, client, server);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies line by line; server lines lose the IDLE capability, client lines are watched for IDLE. */
    private void pump(InputStream in, OutputStream out, boolean fromServer, Socket... both) {
        Thread thread = new Thread(() -> {
            try {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                for (int b = in.read(); b >= 0; b = in.read()) {
                    line.write(b);
                    if (b == '\n') {
                        out.write(fromServer ? withoutIdle(line.toString(StandardCharsets.ISO_8859_1)) : watched(line));
                        out.flush();
                        line.reset();
                    }
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                for (Socket s : both) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }
        }, "imap-without-idle-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static byte[] withoutIdle(String line) {
        String out = line.contains("CAPABILITY") ? line.replace(" IDLE", "") : line;
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] watched(ByteArrayOutputStream line) {
        String[] words = line.toString(StandardCharsets.ISO_8859_1).strip().split(" ");
        if (words.length == 2 && words[1].equalsIgnoreCase("IDLE")) {
            idleCommands.incrementAndGet();
        }
        return line.toByteArray();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
