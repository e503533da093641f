package org.switchboard.mail.route;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed sub-addresses (RFC 5233 style {@code local+detail@domain}) that tie a reply to its case, or a bounce
 * to the outgoing message, without a database lookup and without being guessable:
 *
 * <ul>
 *   <li>reply address: {@code sales+c123-<mac>@crm.example.com} — case 123</li>
 *   <li>bounce address (VERP): {@code sales+m<outbox id>-<mac>@crm.example.com} — outbox message</li>
 * </ul>
 *
 * The MAC is HMAC-SHA256 over the kind and id with a server secret, truncated to 64 bits (16 hex digits,
 * case-insensitive like most mail systems treat local parts). Changing the id or guessing a MAC fails.
 */
public final class ReplyToken {

    private static final Pattern TOKEN = Pattern.compile("^([^+@]+)\\+([cm])([a-z0-9_.]{1,64})-([0-9a-f]{16})@(.+)$");
    private static final Pattern OUTBOX_ID = Pattern.compile("[A-Za-z0-9_.]{1,64}");

    private final SecretKeySpec key;

    /** @param secret at least 32 random bytes, kept by the server and the same on every node */
    public ReplyToken(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the reply token secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA256");
    }

    /** The address a reply to this case should go to, built on the alias {@code sales@crm.example.com}. */
    public String caseAddress(String alias, long caseId) {
        return tagged(alias, "c", Long.toString(caseId));
    }

    /**
     * The envelope sender (VERP) for an outgoing message, or empty when the id cannot go into an address
     * (allowed: letters, digits, {@code _ .}, at most 64). The id is lower-cased: use case-insensitive ids.
     */
    public Optional<String> bounceAddress(String alias, String outboxId) {
        return OUTBOX_ID.matcher(outboxId).matches() ? Optional.of(tagged(alias, "m", outboxId.toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    /** The case of a reply address whose signature verifies. */
    public Optional<Long> caseId(String address) {
        return verified(address, "c").flatMap(id -> {
            try {
                return Optional.of(Long.parseLong(id));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The outbox id (lower case, as it was put into the address) of a VERP bounce address whose signature verifies. */
    public Optional<String> outboxId(String address) {
        return verified(address, "m");
    }

    /** {@code sales+anything@d} → {@code sales@d}; other addresses unchanged. Lower case. */
    public static String baseAddress(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        int plus = lower.indexOf('+');
        return plus > 0 && at > plus ? lower.substring(0, plus) + lower.substring(at) : lower;
    }

    private String tagged(String alias, String kind, String id) {
        String lower = baseAddress(alias);
        int at = lower.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not an address: " + alias);
        }
        return lower.substring(0, at) + "+" + kind + id + "-" + mac(kind, id) + lower.substring(at);
    }

    private Optional<String> verified(String address, String kind) {
        Matcher matcher = TOKEN.matcher(address.toLowerCase(Locale.ROOT));
        if (!matcher.matches() || !matcher.group(2).equals(kind)) {
            return Optional.empty();
        }
        String id = matcher.group(3);
        byte[] expected = mac(kind, id).getBytes(StandardCharsets.US_ASCII);
        byte[] given = matcher.group(4).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(id) : Optional.empty();
    }

    private String mac(String kind, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal((kind + ":" + id).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(full, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
