package org.switchboard.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny SMTP/LMTP client that sends exactly the bytes it is given, for protocol probes. */
final class RawClient implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawClient(int port) throws IOException {
        this("127.0.0.1", port);
    }

    RawClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** After the server's 220 to STARTTLS: the TLS handshake on the same connection; later commands go encrypted. */
    RawClient upgradeToTls(javax.net.ssl.SSLSocketFactory tls) throws IOException {
        javax.net.ssl.SSLSocket secure = (javax.net.ssl.SSLSocket) tls.createSocket(socket, "127.0.0.1", socket.getPort(), true);
        secure.startHandshake();
        socket = secure;
        in = secure.getInputStream();
        out = secure.getOutputStream();
        return this;
    }

    /** Sends raw bytes (ISO-8859-1 so every char is one byte). */
    RawClient send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends a command line with CRLF and returns its (possibly multi-line) reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** Reads one reply: lines up to the one whose code is followed by a space (RFC 5321 §4.2.1). */
    String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                return all.length() == 0 ? null : all.toString();
            }
            all.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return all.toString().strip();
            }
        }
    }

    List<String> replies(int count) throws IOException {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(reply());
        }
        return replies;
    }

    /** True when the server closed the connection (read returns end of stream or is reset). */
    boolean closedByServer() {
        try {
            socket.setSoTimeout(15_000);
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        if (b < 0 && buffer.size() == 0) {
            return null;
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
