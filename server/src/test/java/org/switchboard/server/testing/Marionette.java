package org.switchboard.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal client of Gecko's Marionette protocol (what geckodriver speaks to Firefox and Thunderbird):
 * TCP, each packet {@code <length>:<json>}, commands {@code [0, id, name, params]}, answers
 * {@code [1, id, error, result]}. Only what the Thunderbird tests need: a session, the chrome context
 * (privileged JavaScript in Thunderbird's own process), async scripts and a screenshot.
 */
public final class Marionette implements Closeable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A script's own waits have shorter deadlines; this only stops one that hangs. The socket waits a little longer. */
    private static final int SCRIPT_TIMEOUT_MS = 120_000;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int nextId = 1;

    private Marionette(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects, reads the greeting, opens a session and switches to the chrome context. */
    public static Marionette connect(int port, int connectTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), connectTimeoutMillis);
        socket.setSoTimeout(SCRIPT_TIMEOUT_MS + 30_000);
        Marionette m = new Marionette(socket);
        JsonNode hello = m.readPacket();
        if (hello.path("marionetteProtocol").asInt() != 3) {
            socket.close();
            throw new IOException("not a Marionette server (protocol 3): " + hello);
        }
        m.command("WebDriver:NewSession", Map.of("capabilities", Map.of()));
        m.command("Marionette:SetContext", Map.of("value", "chrome"));
        return m;
    }

    /**
     * Runs {@code body} as the body of an async function in Thunderbird's chrome context and returns what it
     * returns (JSON). Inside, {@code args} is the array of arguments. A thrown error fails the call with its
     * message and stack.
     */
    public JsonNode run(String body, Object... args) throws IOException {
        String script = "const resolve = arguments[arguments.length - 1];\n"
                + "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);\n"
                + "(async () => {\n" + body + "\n})().then(v => resolve({ok: v === undefined ? null : v}),"
                + " e => resolve({error: String(e) + '\\n' + (e && e.stack || '')}));";
        List<Object> list = new ArrayList<>(Arrays.asList(args));
        JsonNode answer = command("WebDriver:ExecuteAsyncScript", Map.of("script", script, "args", list, "scriptTimeout", SCRIPT_TIMEOUT_MS))
                .path("value");
        if (answer.has("error")) {
            throw new IOException("script failed in Thunderbird: " + answer.get("error").asString());
        }
        return answer.get("ok");
    }

    /** A PNG of Thunderbird's current window (headless windows render too). */
    public byte[] screenshot() throws IOException {
        return Base64.getDecoder().decode(command("WebDriver:TakeScreenshot", Map.of("full", false)).path("value").asString());
    }

    public JsonNode command(String name, Map<String, ?> params) throws IOException {
        int id = nextId++;
        byte[] body = JSON.writeValueAsBytes(List.of(0, id, name, params));
        out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        JsonNode answer = readPacket();
        if (answer.get(1).asInt() != id) {
            throw new IOException("answer to another command: " + answer);
        }
        if (!answer.get(2).isNull()) {
            throw new IOException(name + " failed: " + answer.get(2).path("error").asString() + ": " + answer.get(2).path("message").asString());
        }
        return answer.get(3);
    }

    private JsonNode readPacket() throws IOException {
        int length = 0;
        for (int c = in.read(); c != ':'; c = in.read()) {
            if (c < '0' || c > '9') {
                throw new IOException("bad Marionette packet length (connection closed?)");
            }
            length = length * 10 + (c - '0');
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length);
        body.write(in.readNBytes(length));
        if (body.size() != length) {
            throw new IOException("Marionette connection closed mid-packet");
        }
        return JSON.readTree(body.toByteArray());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
