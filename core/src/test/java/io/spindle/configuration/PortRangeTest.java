package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortRangeTest {

    @Test
    void parsesASinglePort() {
        PortRange range = PortRange.parse("50010");
        assertThat(range.ports()).containsExactly(50010);
        assertThat(range.isAnyPort()).isFalse();
        assertThat(range).isEqualTo(PortRange.of(50010));
    }

    @Test
    void parsesARangeInOrder() {
        assertThat(PortRange.parse("50000-50003").ports()).containsExactly(50000, 50001, 50002, 50003);
        assertThat(PortRange.parse("50000-50025").size()).isEqualTo(26);
    }

    @Test
    void parsesAListOfPortsAndRangesInTheOrderWritten() {
        PortRange range = PortRange.parse("50010, 50020-50022");
        List<Integer> iterated = new ArrayList<>();
        range.forEach(iterated::add);
        assertThat(iterated).containsExactly(50010, 50020, 50021, 50022);
        assertThat(range).hasToString("50010,50020-50022");
    }

    @Test
    void zeroMeansAnyFreePort() {
        assertThat(PortRange.parse("0")).isEqualTo(PortRange.ANY);
        assertThat(PortRange.ANY.isAnyPort()).isTrue();
        assertThat(PortRange.ANY).hasToString("0");
        assertThat(PortRange.of(0)).isSameAs(PortRange.ANY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"50010", "50000-50025", "50010,50020-50025", "0", "1,3,2", "65535"})
    void toStringRoundTrips(String text) {
        assertThat(PortRange.parse(text)).hasToString(text);
        assertThat(PortRange.parse(PortRange.parse(text).toString())).isEqualTo(PortRange.parse(text));
    }

    @Test
    void rejectsARangeThatStartsAboveItsEnd() {
        assertThatThrownBy(() -> PortRange.parse("50025-50000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the range 50025-50000 starts above its end");
        assertThatThrownBy(() -> PortRange.of(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPortsAbove65535() {
        assertThatThrownBy(() -> PortRange.parse("70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 70000 is outside 0..65535");
        assertThatThrownBy(() -> PortRange.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "1-2-3", "50010,", "-5", "5-", "12345678901", "0,50010", "0-10", "1 2"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> PortRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
