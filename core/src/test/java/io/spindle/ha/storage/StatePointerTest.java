package io.spindle.ha.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatePointerTest {

    private static final String ZNODE = "/jobgraphs/job-1";

    @Test
    void encodesAsOneReadableLine() {
        StatePointer pointer = new StatePointer("hdfs://nn:8020/spindle/app_1/jobgraphs/job-1-abc", 123, 0x0a1b2c3dL);

        assertThat(new String(pointer.encode(), StandardCharsets.UTF_8))
                .isEqualTo("v1 length=123 crc32c=0a1b2c3d path=hdfs://nn:8020/spindle/app_1/jobgraphs/job-1-abc");
    }

    @Test
    void decodesWhatItEncodes_evenPathsWithSpaces() throws Exception {
        StatePointer pointer = new StatePointer("file:/tmp/my storage/dir/x-1", 0, 0xffffffffL);

        assertThat(StatePointer.decode(pointer.encode(), ZNODE)).isEqualTo(pointer);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "v2 length=1 crc32c=00000000 path=/x",
            "v1 length=x crc32c=00000000 path=/x",
            "v1 length=-1 crc32c=00000000 path=/x",
            "v1 length=1 crc32c=0000000 path=/x",
            "v1 length=1 crc32c=0000000g path=/x",
            "v1 length=1 crc32c=00000000 path=",
            "v1 length=1 crc32c=00000000 file=/x",
            "v1 crc32c=00000000 length=1 path=/x"})
    void rejectsGarbageNamingTheZnode(String data) {
        assertThatThrownBy(() -> StatePointer.decode(data.getBytes(StandardCharsets.UTF_8), ZNODE))
                .isInstanceOfSatisfying(StateFileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StateFileException.Kind.INVALID_POINTER);
                    assertThat(e.location()).isEqualTo(ZNODE);
                })
                .hasMessageContaining("Invalid state pointer in znode " + ZNODE);
    }

    @Test
    void rejectsNullAndBinaryData() {
        assertThatThrownBy(() -> StatePointer.decode(null, ZNODE)).hasMessageContaining(ZNODE).hasMessageContaining("empty");
        assertThatThrownBy(() -> StatePointer.decode(new byte[] {0, 1, 2, (byte) 0xff}, ZNODE))
                .isInstanceOf(StateFileException.class)
                .hasMessageContaining(ZNODE)
                .hasMessageContaining("\\x00");
    }

    @Test
    void rejectsInvalidComponents() {
        assertThatThrownBy(() -> new StatePointer(" ", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatePointer("/a\nb", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatePointer("/a", -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatePointer("/a", 1, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
