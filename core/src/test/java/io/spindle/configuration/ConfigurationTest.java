package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    private static final ConfigOption<Duration> RETRY_WAIT = HighAvailabilityOptions.ZOOKEEPER_RETRY_WAIT;
    private static final ConfigOption<String> QUORUM = HighAvailabilityOptions.ZOOKEEPER_QUORUM;

    @Test
    void returnsTheDefaultWhenNothingIsSet() {
        Configuration conf = Configuration.empty();
        assertThat(conf.get(RETRY_WAIT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(conf.getOptional(RETRY_WAIT)).isEmpty();
        assertThat(conf.contains(RETRY_WAIT)).isFalse();
        assertThat(conf.get(QUORUM)).isNull();
    }

    @Test
    void parsesTheValueSet() {
        Configuration conf = Configuration.fromMap(Map.of(RETRY_WAIT.key(), "10 s"));
        assertThat(conf.get(RETRY_WAIT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(conf.getOptional(RETRY_WAIT)).contains(Duration.ofSeconds(10));
        assertThat(conf.contains(RETRY_WAIT)).isTrue();
        assertThat(conf.origin(RETRY_WAIT.key())).contains(ValueOrigin.PROGRAMMATIC);
        assertThat(conf.origin("not.set")).isEmpty();
    }

    @Test
    void withReturnsACopyAndLeavesTheOriginalAlone() {
        Configuration original = Configuration.empty();
        Configuration changed = original.with(RETRY_WAIT, Duration.ofMinutes(1)).withRaw("x.y", "z");

        assertThat(changed.get(RETRY_WAIT)).isEqualTo(Duration.ofMinutes(1));
        assertThat(changed.toMap()).containsExactly(Map.entry("high-availability.zookeeper.client.retry-wait", "1 min"),
                Map.entry("x.y", "z"));
        assertThat(original.toMap()).isEmpty();
        assertThat(changed.withRaw("x.y", "w", ValueOrigin.DYNAMIC).origin("x.y")).contains(ValueOrigin.DYNAMIC);
    }

    @Test
    void getRequiredNamesTheMissingKey() {
        assertThatThrownBy(() -> Configuration.empty().getRequired(QUORUM))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Missing value for key 'high-availability.zookeeper.quorum' (a string): set it in"
                        + " config.yaml or with -D high-availability.zookeeper.quorum=<value>");
        assertThat(Configuration.fromMap(Map.of(QUORUM.key(), "zk:2181")).getRequired(QUORUM)).isEqualTo("zk:2181");
        assertThat(Configuration.empty().getRequired(RETRY_WAIT)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aBadValueNamesKeyValueOriginAndExpectationOnOneLine() {
        Configuration conf = Configuration.fromEntries(List.of(new ConfigEntry(RETRY_WAIT.key(), "5 parsecs",
                ValueOrigin.file(Path.of("conf/config.yaml"), 3))));

        assertThatThrownBy(() -> conf.get(RETRY_WAIT))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessage("Invalid value '5 parsecs' for key 'high-availability.zookeeper.client.retry-wait'"
                        + " (conf/config.yaml, line 3): expected a duration such as '5 s', '500 ms' or '1 min'");
    }

    @Test
    void aReasonFromTheValueTypeIsAppended() {
        Configuration conf = Configuration.empty().withRaw(HighAvailabilityOptions.JOB_MANAGER_PORT.key(), "70000",
                ValueOrigin.DYNAMIC);
        assertThatThrownBy(() -> conf.get(HighAvailabilityOptions.JOB_MANAGER_PORT))
                .hasMessageStartingWith("Invalid value '70000' for key 'high-availability.jobmanager.port' (-D): expected a port")
                .hasMessageEndingWith("; port 70000 is outside 0..65535");
    }

    @Test
    void aMultiLineValueStaysOnOneLineInTheMessage() {
        Configuration conf = Configuration.empty().withRaw(RETRY_WAIT.key(), "5\nparsecs");
        assertThatThrownBy(() -> conf.get(RETRY_WAIT))
                .hasMessageContaining("'5\\nparsecs'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void readsFallbackKeysWhenTheKeyIsNotSet() {
        ConfigOption<Integer> option = ConfigOption.key("new.attempts").intType().defaultValue(1).description("d")
                .withFallbackKeys("old.attempts", "older.attempts");

        Configuration oldOnly = Configuration.fromMap(Map.of("older.attempts", "3", "unrelated", "x"));
        assertThat(oldOnly.get(option)).isEqualTo(3);
        assertThat(oldOnly.contains(option)).isTrue();
        assertThat(oldOnly.entry(option)).map(ConfigEntry::key).contains("older.attempts");

        Configuration both = oldOnly.withRaw("old.attempts", "4");
        assertThat(both.get(option)).as("the first fallback key wins over later ones").isEqualTo(4);
        assertThat(both.withRaw("new.attempts", "5").get(option)).as("the key itself wins").isEqualTo(5);
    }

    @Test
    void aBadValueUnderAFallbackKeyNamesThatKey() {
        ConfigOption<Integer> option = ConfigOption.key("new.attempts").intType().description("d")
                .withFallbackKeys("old.attempts");
        Configuration conf = Configuration.fromMap(Map.of("old.attempts", "many"));
        assertThatThrownBy(() -> conf.get(option))
                .hasMessage("Invalid value 'many' for key 'old.attempts' (set programmatically): expected an integer"
                        + " such as '3' or '-1'");
    }

    @Test
    void validateCollectsEveryMalformedValue() {
        Configuration conf = Configuration.fromMap(Map.of(
                RETRY_WAIT.key(), "soon",
                HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_ATTEMPTS.key(), "3",
                HighAvailabilityOptions.TYPE.key(), "etcd"));

        List<IllegalConfigurationException> errors = conf.validate(ConfigOptionRegistry.defaults().options());

        assertThat(errors).extracting(Throwable::getMessage).containsExactly(
                "Invalid value 'etcd' for key 'high-availability.type' (set programmatically): expected one of"
                        + " 'none', 'zookeeper'",
                "Invalid value 'soon' for key 'high-availability.zookeeper.client.retry-wait' (set programmatically):"
                        + " expected a duration such as '5 s', '500 ms' or '1 min'");
    }

    @Test
    void overriddenByReplacesValuesUnderTheSameKey() {
        Configuration file = Configuration.fromMap(Map.of("a", "1", "b", "2"));
        Configuration merged = file.overriddenBy(Configuration.empty().withRaw("b", "3", ValueOrigin.DYNAMIC));
        assertThat(merged.toMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "3"));
        assertThat(merged.origin("b")).contains(ValueOrigin.DYNAMIC);
    }

    @Test
    void equalContentMeansEqualConfigurations() {
        assertThat(Configuration.fromMap(Map.of("a", "1"))).isEqualTo(Configuration.empty().withRaw("a", "1"));
        assertThat(Configuration.fromMap(Map.of("a", "1"))).isNotEqualTo(Configuration.empty().withRaw("a", "2"));
    }
}
