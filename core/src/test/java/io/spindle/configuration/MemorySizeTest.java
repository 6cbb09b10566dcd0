package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizeTest {

    @ParameterizedTest
    @CsvSource({
        "1024m, 1073741824",
        "1 gb, 1073741824",
        "1g, 1073741824",
        "512 mb, 536870912",
        "64k, 65536",
        "4096, 4096",
        "1 GiB, 1073741824",
        "7 bytes, 7",
        "1 t, 1099511627776",
    })
    void parsesSizes(String text, long bytes) {
        assertThat(MemorySize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mb", "1.5g", "-1m", "12 parsecs", "1 m b", "99999999999 tb"})
    void rejectsMalformedSizes(String text) {
        assertThatThrownBy(() -> MemorySize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsTheLargestExactUnitAndReadsItBack() {
        assertThat(MemorySize.ofMebiBytes(1600)).hasToString("1600 mb");
        assertThat(MemorySize.ofMebiBytes(1024)).hasToString("1 gb");
        assertThat(new MemorySize(1500)).hasToString("1500 bytes");
        assertThat(MemorySize.ZERO).hasToString("0 bytes");
        for (long bytes : new long[] {0, 1, 1023, 1024, 1600L << 20, Long.MAX_VALUE}) {
            MemorySize size = new MemorySize(bytes);
            assertThat(MemorySize.parse(size.toString())).isEqualTo(size);
        }
    }

    @Test
    void convertsToLargerUnitsRoundingDown() {
        MemorySize size = MemorySize.parse("1600m");
        assertThat(size.mebiBytes()).isEqualTo(1600);
        assertThat(size.kibiBytes()).isEqualTo(1600 * 1024);
        assertThat(size.gibiBytes()).isEqualTo(1);
        assertThat(size).isGreaterThan(MemorySize.parse("1 gb"));
    }

    @Test
    void cannotBeNegative() {
        assertThatThrownBy(() -> new MemorySize(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
