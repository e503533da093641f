package org.switchboard.server.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.switchboard.server.api.ApiException;
import org.switchboard.server.security.ApiTokens;
import org.switchboard.server.security.SwitchboardUser;
import org.switchboard.server.storage.Sha256;
import org.switchboard.server.user.User;
import org.switchboard.server.user.UserRepository;

/**
 * An add-in's login without a password (ADR 0009). The add-in keeps a random verifier and shows only its
 * SHA-256, the challenge. A logged-in user who allows it gets a one-time code (random, two minutes, bound
 * to her, the add-in and the challenge; stored as its SHA-256). The add-in trades code and verifier for a
 * connector-scoped token. A code is spent by its first exchange, right or wrong, so it cannot be guessed at.
 */
@Service
class ConnectorLogin {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    /** base64url of 32 bytes, no padding: what SHA-256 of the verifier gives. */
    static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
    static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private final ApiTokens tokens;
    private final UserRepository users;
    private final ConnectorSettings settings;

    ConnectorLogin(JdbcClient jdbc, ApiTokens tokens, UserRepository users, ConnectorSettings settings) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.users = users;
        this.settings = settings;
    }

    record TokenUser(long id, String login, String name) {
    }

    /** What the add-in gets: the token (shown this once), its id in the user's list, and who it is. */
    record Grant(String token, long tokenId, TokenUser user) {
    }

    /** The one-time code for a user who allowed {@code client}; the challenge was checked by the caller. */
    String issueCode(SwitchboardUser user, AddIn client, String challenge) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("DELETE FROM connector_code WHERE expires_at < ?").param(now.minusHours(1)).update();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("INSERT INTO connector_code (code_hash, user_id, client, challenge, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(Sha256.hex(code), user.id(), client.name(), challenge, now.plus(CODE_LIFETIME)).update();
        return code;
    }

    /** The add-in a live code was issued to (the done page loads Office.js for Outlook only). */
    Optional<AddIn> clientOf(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT client FROM connector_code WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(Sha256.hex(code), OffsetDateTime.now(ZoneOffset.UTC)).query(String.class).optional().map(AddIn::valueOf);
    }

    /**
     * Code and verifier for a token. Not one transaction on purpose: the code is spent (committed) before
     * the verifier is compared, so a wrong verifier uses it up as well.
     */
    Grant exchange(String code, String verifier) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw invalidGrant("the code is missing or malformed");
        }
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            throw invalidGrant("the verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~").with("errors",
                    java.util.List.of(java.util.Map.of("field", "verifier", "detail", "43 to 128 characters of A-Z a-z 0-9 - . _ ~")));
        }
        String hash = Sha256.hex(code);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int spent = jdbc.sql("UPDATE connector_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(now, hash, now).update();
        if (spent != 1) {
            throw invalidGrant("the code is unknown, already used or expired: log in from the add-in again");
        }
        record Issued(long userId, String client, String challenge) {
        }
        Issued issued = jdbc.sql("SELECT user_id, client, challenge FROM connector_code WHERE code_hash = ?").param(hash)
                .query((rs, i) -> new Issued(rs.getLong(1), rs.getString(2), rs.getString(3))).single();
        if (!MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                issued.challenge().getBytes(StandardCharsets.US_ASCII))) {
            throw invalidGrant("the verifier does not match the challenge: log in from the add-in again");
        }
        User user = users.find(issued.userId()).filter(User::active)
                .orElseThrow(() -> invalidGrant("the user who allowed the add-in is no longer active"));
        AddIn client = AddIn.valueOf(issued.client());
        ApiTokens.IssuedToken token = tokens.issue(user.id(), client.tokenName(), ApiTokens.CONNECTOR_SCOPE,
                Instant.now().plus(settings.tokenLifetime()));
        return new Grant(token.token(), token.info().id(), new TokenUser(user.id(), user.username(), user.displayName()));
    }

    /** base64url(SHA-256(verifier)), without padding: what the add-in sent as the challenge. */
    static String challengeOf(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static ApiException invalidGrant(String detail) {
        return ApiException.invalid("code", detail).with("error", "invalid_grant");
    }
}
