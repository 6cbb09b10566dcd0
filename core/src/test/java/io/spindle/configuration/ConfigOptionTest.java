package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigOptionTest {

    @Test
    void buildsAnOptionFluently() {
        ConfigOption<Duration> option = ConfigOption.key("a.retry-wait")
                .durationType()
                .defaultValue(Duration.ofSeconds(5))
                .description("How long to wait.");

        assertThat(option.key()).isEqualTo("a.retry-wait");
        assertThat(option.type()).isEqualTo(ValueType.duration());
        assertThat(option.defaultValue()).contains(Duration.ofSeconds(5));
        assertThat(option.formattedDefault()).contains("5 s");
        assertThat(option.description()).isEqualTo("How long to wait.");
        assertThat(option.fallbackKeys()).isEmpty();
    }

    @Test
    void mayHaveNoDefault() {
        ConfigOption<String> option = ConfigOption.key("a.quorum").stringType().description("Servers.");
        assertThat(option.hasDefault()).isFalse();
        assertThat(option.formattedDefault()).isEmpty();
    }

    @Test
    void fallbackKeysMakeACopy() {
        ConfigOption<Integer> option = ConfigOption.key("new.key").intType().defaultValue(1).description("d");
        ConfigOption<Integer> withFallbacks = option.withFallbackKeys("old.key", "older.key");

        assertThat(withFallbacks.fallbackKeys()).containsExactly("old.key", "older.key");
        assertThat(option.fallbackKeys()).isEmpty();
        assertThat(withFallbacks).isNotEqualTo(option);
        assertThatThrownBy(() -> option.withFallbackKeys("new.key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> option.withFallbackKeys("x", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMalformedDefinitions() {
        assertThatThrownBy(() -> ConfigOption.key("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigOption.key("trailing.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigOption.key("a").stringType().description(" "))
                .isInstanceOf(IllegalArgumentException.class);
        // A negative duration cannot be written in a file, so it cannot be a default either.
        assertThatThrownBy(() -> ConfigOption.key("a").durationType().defaultValue(Duration.ofSeconds(-1)).description("d"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
