package io.spindle.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and authenticates a payload under a {@link ClusterSecret}, for what must cross the
 * plaintext RPC without being readable by someone watching the network (fresh delegation tokens):
 * AES-256-GCM with a key derived from the secret and the payload's purpose
 * ({@code HMAC-SHA256(secret, "spindle-seal-v1\n" + purpose)}), a random 12-byte nonce first, the
 * purpose as associated data. A payload sealed for one purpose does not open for another.
 *
 * <p>Stateless; thread-safe.
 */
public final class SealedPayload {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedPayload() {}

    /** {@code plain} sealed under {@code secret} for {@code purpose}: nonce, then ciphertext and tag. */
    public static byte[] seal(ClusterSecret secret, String purpose, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, secret, purpose, nonce).doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no AES-GCM", e);
        }
    }

    /**
     * The payload {@link #seal} made.
     *
     * @throws IllegalArgumentException if it was not sealed under {@code secret} for {@code purpose},
     *     or was changed
     */
    public static byte[] open(ClusterSecret secret, String purpose, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not a sealed payload: " + sealed.length + " bytes");
        }
        byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
        try {
            return cipher(Cipher.DECRYPT_MODE, secret, purpose, nonce)
                    .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the payload was not sealed with this cluster's secret for " + purpose
                    + ", or was changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no AES-GCM", e);
        }
    }

    private static Cipher cipher(int mode, ClusterSecret secret, String purpose, byte[] nonce)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(secret.mac("spindle-seal-v1\n" + purpose), "AES"),
                new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
