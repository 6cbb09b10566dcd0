package io.spindle.examples.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class StateCodecTest {

    @Test
    void roundTripsWithALeadingVersion() {
        byte[] bytes = StateCodec.encode(3, out -> out.writeLong(42));
        assertThat(bytes).hasSize(12).startsWith(0, 0, 0, 3);
        long decoded = StateCodec.decode(bytes, "thing", 3, in -> in.readLong());
        assertThat(decoded).isEqualTo(42L);
    }

    @Test
    void rejectsUnknownVersionsTruncationAndTrailingBytes() {
        byte[] bytes = StateCodec.encode(2, out -> out.writeLong(42));
        assertThatThrownBy(() -> StateCodec.decode(bytes, "thing", 1, in -> in.readLong()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("thing has version 2, but this jar reads only version 1");
        assertThatThrownBy(() -> StateCodec.decode(Arrays.copyOf(bytes, 8), "thing", 2, in -> in.readLong()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("thing is corrupt");
        assertThatThrownBy(() -> StateCodec.decode(bytes, "thing", 2, in -> in.readInt()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("4 unexpected trailing bytes");
        assertThatThrownBy(() -> StateCodec.decode(new byte[2], "thing", 2, in -> in.readInt()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too short");
    }
}
