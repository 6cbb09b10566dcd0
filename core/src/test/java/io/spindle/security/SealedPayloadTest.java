package io.spindle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SealedPayloadTest {

    private final ClusterSecret secret = ClusterSecret.generate();
    private final byte[] plain = "delegation tokens".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealedAndHidesIt() {
        byte[] sealed = SealedPayload.seal(secret, "tokens", plain);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("delegation");
        assertThat(SealedPayload.open(secret, "tokens", sealed)).isEqualTo(plain);
        assertThat(SealedPayload.seal(secret, "tokens", plain)).isNotEqualTo(sealed);
    }

    @Test
    void refusesAnotherSecretAnotherPurposeAndAChangedPayload() {
        byte[] sealed = SealedPayload.seal(secret, "tokens", plain);
        assertThatThrownBy(() -> SealedPayload.open(ClusterSecret.generate(), "tokens", sealed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedPayload.open(secret, "other", sealed))
                .isInstanceOf(IllegalArgumentException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> SealedPayload.open(secret, "tokens", sealed))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealedPayload.open(secret, "tokens", new byte[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
