package io.spindle.examples.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountingArgsTest {

    @Test
    void appliesDefaults() {
        CountingArgs args = CountingArgs.parse(List.of("--output", "hdfs://nn:8020/out"));
        assertThat(args).isEqualTo(new CountingArgs("hdfs://nn:8020/out", 1000, 1, 0, OptionalLong.empty(), false, false));
    }

    @Test
    void parsesEveryOption() {
        CountingArgs args = CountingArgs.parse(List.of("--output=/o", "--count", "50", "--records-per-step", "5",
                "--step-delay-ms", "10", "--fail-at", "20", "--emitted-log"));
        assertThat(args).isEqualTo(new CountingArgs("/o", 50, 5, 10, OptionalLong.of(20), false, true));
        assertThat(CountingArgs.parse(List.of("--output", "/o", "--fail-always")).failAlways()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--count 10                                  | --output is required",
        "--output                                    | --output needs a value",
        "--output /o --count ten                     | --count must be a whole number",
        "--output /o --count -1                      | --count must be at least 0",
        "--output /o --records-per-step 0            | --records-per-step must be at least 1",
        "--output /o --step-delay-ms -5              | --step-delay-ms must be at least 0",
        "--output /o --count 10 --fail-at 10         | --fail-at must be below --count",
        "--output /o --fail-at 1 --fail-always       | --fail-always and --fail-at",
        "--output /o --count 0 --fail-always         | --fail-always needs a --count",
        "--output /o --colour red                    | unknown argument --colour",
        "--output /o --output /p                     | --output is given more than once",
        "--output /o --fail-always=yes               | --fail-always takes no value",
        "--output /o --emitted-log=yes               | --emitted-log takes no value",
        "--output /o stray                           | unexpected argument 'stray'",
        "--output a:b                                | --output is not a valid path",
    })
    void rejectsBadArgumentsNamingThem(String line, String message) {
        List<String> args = List.of(line.trim().split("\\s+"));
        assertThatThrownBy(() -> new CountingJob().validate(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
