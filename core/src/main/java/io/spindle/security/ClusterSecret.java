package io.spindle.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret a cluster's processes and its owner share. It never goes on the wire itself: every
 * credential is an HMAC-SHA256 derived from it ({@link #restToken()} for REST,
 * {@link #mac(String)} for RPC), compared in constant time ({@link #verifyRestToken(String)},
 * {@link #verifyMac(String, byte[])}).
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class ClusterSecret {

    /** Bytes of a generated secret. */
    public static final int GENERATED_BYTES = 32;

    /** The fewest bytes a secret may have. */
    public static final int MIN_BYTES = 16;

    private static final String HMAC = "HmacSHA256";
    private static final String REST_LABEL = "spindle-rest-v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key;
    }

    /** A new random secret of {@value #GENERATED_BYTES} bytes. */
    public static ClusterSecret generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(bytes);
        return new ClusterSecret(bytes);
    }

    /**
     * A secret of these bytes (copied).
     *
     * @throws IllegalArgumentException if there are fewer than {@value #MIN_BYTES}
     */
    public static ClusterSecret of(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("a cluster secret needs at least " + MIN_BYTES + " bytes, not "
                    + bytes.length);
        }
        return new ClusterSecret(bytes.clone());
    }

    /** The secret's bytes (a copy), for storing it; never for sending it. */
    public byte[] bytes() {
        return key.clone();
    }

    /** The bearer token of REST calls: {@code base64url(HMAC-SHA256(secret, "spindle-rest-v1"))}. */
    public String restToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(REST_LABEL));
    }

    /** Whether {@code presented} is this secret's REST token; constant time in the token's content. */
    public boolean verifyRestToken(String presented) {
        return MessageDigest.isEqual(restToken().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** HMAC-SHA256 of {@code message} (UTF-8) under this secret. */
    public byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no " + HMAC, e);
        }
    }

    /** Whether {@code presented} is the HMAC of {@code message}; constant time. */
    public boolean verifyMac(String message, byte[] presented) {
        return MessageDigest.isEqual(mac(message), presented);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSecret other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mac("hash"));
    }

    @Override
    public String toString() {
        return "ClusterSecret[" + key.length + " bytes]";
    }
}
