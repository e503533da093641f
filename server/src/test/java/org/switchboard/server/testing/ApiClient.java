package org.switchboard.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against the running server, as a script or connector would call the API. */
public final class ApiClient {
    public static final String ADMIN_PASSWORD = "admin-test-password-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final String authorization;

    private ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static ApiClient basic(int port, String user, String password) {
        return new ApiClient("http://localhost:" + port, basicAuthorization(user, password));
    }

    /** The value of an {@code Authorization} header for HTTP Basic. */
    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static ApiClient admin(int port) {
        return basic(port, "admin", ADMIN_PASSWORD);
    }

    public static ApiClient token(int port, String token) {
        return new ApiClient("http://localhost:" + port, "Bearer " + token);
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient("http://localhost:" + port, null);
    }

    /** A response: status, headers, and the body parsed as JSON when it is JSON. */
    public record Response(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json, String ifMatch) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, body bytes (null: none) and headers, for what the JSON helpers do not cover (raw mail, CORS). */
    public Response send(String method, String path, byte[] body, String... headerNamesAndValues) {
        HttpRequest.Builder b = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            b.setHeader(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return send(b);
    }

    /** Sends, then returns the JSON body of a response that must have the expected status. */
    public JsonNode ok(int expectedStatus, Response response) {
        if (response.status() != expectedStatus) {
            throw new AssertionError("expected " + expectedStatus + " but got " + response);
        }
        return response.json();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> raw = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(raw.statusCode(), raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
