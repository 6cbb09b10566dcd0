package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueTypeTest {

    @ParameterizedTest
    @CsvSource({
        "5 s, 5000",
        "5s, 5000",
        "60 s, 60000",
        "10000 ms, 10000",
        "1 min, 60000",
        "2 h, 7200000",
        "1 d, 86400000",
        "250, 250",
        "' 3 seconds ', 3000",
        "2 minutes, 120000",
        "1 Min, 60000",
        "0, 0",
    })
    void parsesDurations(String text, long expectedMillis) {
        assertThat(ValueType.duration().parse(text)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 parsecs", "", "s", "-5 s", "1.5 h", "5 s s", "99999999999999999999 d", "10 k"})
    void rejectsMalformedDurations(String text) {
        assertThatThrownBy(() -> ValueType.duration().parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"5000, 5 s", "60000, 1 min", "600000, 10 min", "1500, 1500 ms", "0, 0 ms", "86400000, 1 d", "7200000, 2 h"})
    void formatsDurationsInTheLargestExactUnit(long millis, String expected) {
        assertThat(ValueType.duration().format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void durationsRoundTripDownToNanoseconds() {
        for (Duration d : List.of(Duration.ofNanos(1), Duration.ofNanos(1500), Duration.ofSeconds(3, 7),
                Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThat(ValueType.duration().parse(ValueType.duration().format(d))).isEqualTo(d);
        }
    }

    @Test
    void parsesIntegersAndLongs() {
        assertThat(ValueType.integer().parse(" -1 ")).isEqualTo(-1);
        assertThat(ValueType.longInteger().parse("10000000000")).isEqualTo(10_000_000_000L);
        assertThatThrownBy(() -> ValueType.integer().parse("3.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(null);
        assertThatThrownBy(() -> ValueType.integer().parse("10000000000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueType.longInteger().parse("ten")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesBooleansInAnyCaseButNothingElse() {
        assertThat(ValueType.bool().parse("TRUE")).isTrue();
        assertThat(ValueType.bool().parse("false")).isFalse();
        assertThatThrownBy(() -> ValueType.bool().parse("yes")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ValueType.bool().expectation()).isEqualTo("'true' or 'false'");
    }

    @Test
    void stripsStrings() {
        assertThat(ValueType.string().parse("  /spindle ")).isEqualTo("/spindle");
    }

    @Test
    void splitsCommaSeparatedLists() {
        assertThat(ValueType.stringList().parse(" a, b ,,c ")).containsExactly("a", "b", "c");
        assertThat(ValueType.stringList().parse("")).isEmpty();
        assertThat(ValueType.stringList().format(List.of("Client", "KafkaClient"))).isEqualTo("Client,KafkaClient");
    }

    @Test
    void parsesEnumsCaseInsensitively() {
        ValueType<HighAvailabilityType> type = ValueType.enumType(HighAvailabilityType.class);
        assertThat(type.parse("ZooKeeper")).isEqualTo(HighAvailabilityType.ZOOKEEPER);
        assertThat(type.parse(" none ")).isEqualTo(HighAvailabilityType.NONE);
        assertThat(type.format(HighAvailabilityType.ZOOKEEPER)).isEqualTo("zookeeper");
        assertThat(ValueType.enumType(ZooKeeperAcl.class).parse("Creator")).isEqualTo(ZooKeeperAcl.CREATOR);
        assertThatThrownBy(() -> type.parse("etcd")).isInstanceOf(IllegalArgumentException.class);
        assertThat(type.expectation()).isEqualTo("one of 'none', 'zookeeper'");
    }

    @Test
    void describesWhatItExpects() {
        assertThat(ValueType.duration().expectation()).isEqualTo("a duration such as '5 s', '500 ms' or '1 min'");
        assertThat(ValueType.memorySize().name()).isEqualTo("MemorySize");
        assertThat(ValueType.portRange().expectation()).contains("'50000-50025'");
    }
}
