package dev.larder.slack.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature (v0): {@code v0=hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body))}
 * in X-Slack-Signature, the timestamp in X-Slack-Request-Timestamp. A timestamp too far from now is a replay.
 */
public final class SlackSignature {

    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

    private final byte[] secret;
    private final Duration maxAge;

    public SlackSignature(String signingSecret, Duration maxAge) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
    }

    /** Whether the request is Slack's, signed now (within the window) over exactly this body. */
    public boolean verify(String timestamp, String signature, String body, Instant now) {
        if (timestamp == null || signature == null || body == null || !timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        long age = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (age > maxAge.toSeconds()) {
            return false;
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The X-Slack-Signature value for a body sent at {@code timestamp}. */
    public String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
