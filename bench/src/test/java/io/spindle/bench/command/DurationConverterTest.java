package io.spindle.bench.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The one duration syntax of the bench commands: configuration-file spellings and ISO-8601. */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheSpellingsOfEveryBenchCommand() {
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("6 s")).isEqualTo(Duration.ofSeconds(6));
        assertThat(converter.convert("200 ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(converter.convert("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aBadValueIsAConversionErrorNamingIt() {
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'soon' is not a duration");
        assertThatThrownBy(() -> converter.convert("PT-nonsense")).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'PT-nonsense' is not a duration");
        assertThatThrownBy(() -> converter.convert("10")).isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'10' is not a duration (a unit is needed, such as 10s or 10m)");
    }
}
