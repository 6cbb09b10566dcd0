package io.spindle.runtime.security;

import io.grpc.Metadata;
import io.spindle.security.ClusterSecret;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The credential of one gRPC call, sent in the header {@value #HEADER_NAME}:
 * {@code v1.<millis>.<nonce>.<mac>} where {@code mac = HMAC-SHA256(secret, "spindle-rpc-v1\n" +
 * fullMethodName + "\n" + millis + "\n" + nonce)} (base64url). The secret itself is never sent; a
 * token is valid for one method and {@link #VALIDITY} either side of the receiver's clock.
 *
 * <p>Stateless; thread-safe.
 */
final class RpcAuthToken {

    /** The metadata header name. */
    static final String HEADER_NAME = "spindle-auth";

    /** The header key. */
    static final Metadata.Key<String> HEADER = Metadata.Key.of(HEADER_NAME, Metadata.ASCII_STRING_MARSHALLER);

    /** How far a token's time may be from the receiver's clock. */
    static final Duration VALIDITY = Duration.ofMinutes(5);

    /** What a check found. */
    enum Outcome {
        ACCEPTED, MISSING, WRONG, STALE
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RpcAuthToken() {}

    /** A token for a call of {@code fullMethodName} at {@code nowMillis}. */
    static String create(ClusterSecret secret, String fullMethodName, long nowMillis) {
        byte[] nonceBytes = new byte[12];
        RANDOM.nextBytes(nonceBytes);
        String nonce = ENCODER.encodeToString(nonceBytes);
        return "v1." + nowMillis + "." + nonce + "." + ENCODER.encodeToString(secret.mac(message(fullMethodName, nowMillis, nonce)));
    }

    /** Checks {@code token} (null when the header is missing) of a call of {@code fullMethodName}. */
    static Outcome verify(ClusterSecret secret, String fullMethodName, String token, long nowMillis) {
        if (token == null || token.isEmpty()) {
            return Outcome.MISSING;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Outcome.WRONG;
        }
        long millis;
        byte[] mac;
        try {
            millis = Long.parseLong(parts[1]);
            mac = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Outcome.WRONG;
        }
        if (!secret.verifyMac(message(fullMethodName, millis, parts[2]), mac)) {
            return Outcome.WRONG;
        }
        return Math.abs(nowMillis - millis) <= VALIDITY.toMillis() ? Outcome.ACCEPTED : Outcome.STALE;
    }

    private static String message(String fullMethodName, long millis, String nonce) {
        return "spindle-rpc-v1\n" + fullMethodName + "\n" + millis + "\n" + nonce;
    }
}
