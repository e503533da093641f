package org.switchboard.server.connector;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an add-in's login dialog does, over HTTP: a browser with cookies that opens /connect/authorize, is
 * sent to the login form, logs in (with the form's CSRF token), and answers the Allow/Deny question.
 */
final class AddInLogin {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    final String verifier;
    final String challenge;

    AddInLogin(int port) {
        this.base = "http://localhost:" + port;
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        challenge = challengeOf(verifier);
    }

    static String challengeOf(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String authorizePath(String client) {
        return "/connect/authorize?client=" + client + "&challenge=" + challenge;
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Opens the authorize page and logs in when sent to the login form; returns the consent page. */
    HttpResponse<String> openAndLogIn(String client, String user, String password) {
        HttpResponse<String> first = get(authorizePath(client));
        if (first.statusCode() != 302 || !location(first).endsWith("/login")) {
            throw new AssertionError("expected the login form first, got " + first.statusCode() + " " + location(first));
        }
        HttpResponse<String> form = get("/login");
        HttpResponse<String> loggedIn = postForm("/login", "username=" + encode(user) + "&password=" + encode(password) + "&_csrf="
                + encode(csrf(form.body())));
        if (loggedIn.statusCode() != 302 || !location(loggedIn).contains("/connect/authorize")) {
            throw new AssertionError("the login should lead back to the add-in's page, got " + loggedIn.statusCode() + " " + location(loggedIn));
        }
        return get(location(loggedIn));
    }

    /** Answers the consent page's question; returns the redirect to /connect/done. */
    HttpResponse<String> answer(HttpResponse<String> consentPage, String client, String decision) {
        return postForm("/connect/authorize", "client=" + client + "&challenge=" + challenge + "&decision=" + decision + "&_csrf="
                + encode(csrf(consentPage.body())));
    }

    /** The whole dialog, allowed: the one-time code from the URL of the done page. */
    String code(String client, String user, String password) {
        HttpResponse<String> done = answer(openAndLogIn(client, user, password), client, "allow");
        return codeOf(location(done));
    }

    static String codeOf(String location) {
        Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!m.find()) {
            throw new AssertionError("no code in " + location);
        }
        return m.group(1);
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page: " + html);
        }
        return m.group(1);
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return browser.send(b.header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
