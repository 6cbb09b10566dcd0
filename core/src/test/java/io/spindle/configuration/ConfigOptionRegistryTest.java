package io.spindle.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigOptionRegistryTest {

    private final ConfigOptionRegistry registry = ConfigOptionRegistry.defaults();

    @Test
    void holdsEveryOptionOfEveryHolder() {
        assertThat(registry.sections()).extracting(ConfigOptionRegistry.Section::title).containsExactly(
                "High availability", "Security", "YARN", "JobManager", "TaskManager", "Checkpointing and restarts");
        assertThat(registry.options()).hasSize(13 + 10 + 26 + 6 + 8 + 5);
        assertThat(registry.options()).contains(HighAvailabilityOptions.ZOOKEEPER_ACL, YarnOptions.APPLICATION_ID, YarnOptions.CONTAINER_NODE_CLASSPATH,
                YarnOptions.CONTAINER_CDS_ENABLED, YarnOptions.CONTAINER_JVM_OPTIONS, YarnOptions.NODE_EXCLUSION_FAILURES,
                YarnOptions.NODE_EXCLUSION_EXPIRY,
                YarnOptions.CONTAINER_LOG_MAX_FILE_SIZE, YarnOptions.LOG_AGGREGATION_ROLLED_INCLUDE_PATTERN,
                CheckpointingOptions.RESTART_DELAY, SecurityOptions.KERBEROS_LOGIN_CONTEXTS,
                TaskManagerOptions.PREVIOUS_LEADER_RECOVERY_TIMEOUT, JobManagerOptions.ADOPTION_TIMEOUT);
    }

    @Test
    void definesTheDefaultsUsersExpect() {
        assertThat(HighAvailabilityOptions.TYPE.formattedDefault()).contains("none");
        assertThat(HighAvailabilityOptions.ZOOKEEPER_ROOT.formattedDefault()).contains("/spindle");
        assertThat(HighAvailabilityOptions.CLUSTER_ID.formattedDefault()).contains("/default");
        assertThat(HighAvailabilityOptions.JOB_MANAGER_PORT.formattedDefault()).contains("0");
        assertThat(HighAvailabilityOptions.ZOOKEEPER_SESSION_TIMEOUT.formattedDefault()).contains("1 min");
        assertThat(HighAvailabilityOptions.ZOOKEEPER_CONNECTION_TIMEOUT.formattedDefault()).contains("15 s");
        assertThat(HighAvailabilityOptions.ZOOKEEPER_MAX_RETRY_WAIT.formattedDefault()).contains("1 min");
        assertThat(HighAvailabilityOptions.ZOOKEEPER_ACL.formattedDefault()).contains("open");
        assertThat(SecurityOptions.ZOOKEEPER_SASL_LOGIN_CONTEXT_NAME.formattedDefault()).contains("Client");
        assertThat(YarnOptions.APPLICATION_ATTEMPTS.hasDefault()).isFalse();
        assertThat(YarnOptions.APPLICATION_PRIORITY.formattedDefault()).contains("-1");
        assertThat(JobManagerOptions.PROCESS_SIZE.defaultValue()).contains(MemorySize.parse("1024m"));
        assertThat(TaskManagerOptions.PROCESS_SIZE.defaultValue()).contains(MemorySize.parse("1728m"));
        assertThat(CheckpointingOptions.TIMEOUT.formattedDefault()).contains("10 min");
        assertThat(HighAvailabilityOptions.CLUSTER_ID.description()).contains("YARN", "application id");
    }

    @Test
    void findsOptionsByKeyAndByFallbackKey() {
        assertThat(registry.find("high-availability.type")).contains(HighAvailabilityOptions.TYPE);
        assertThat(registry.find("high-availability")).contains(HighAvailabilityOptions.TYPE);
        assertThat(registry.findByFallbackKey("high-availability")).contains(HighAvailabilityOptions.TYPE);
        assertThat(registry.findByFallbackKey("high-availability.type")).isEmpty();
        assertThat(registry.find("no.such.key")).isEmpty();
    }

    @Test
    void suggestsTheNearestKeyForAMisspelling() {
        assertThat(registry.suggest("high-availability.zookeeper.quorom")).contains("high-availability.zookeeper.quorum");
        assertThat(registry.suggest("taskmanager.numberOfTaskslots")).contains("taskmanager.numberOfTaskSlots");
        assertThat(registry.suggest("rest.prot")).contains("rest.port");
        assertThat(registry.suggest("something.else.entirely")).isEmpty();
    }

    @Test
    void rejectsAKeyDefinedTwice() {
        ConfigOption<String> a = ConfigOption.key("same").stringType().description("a");
        ConfigOption<Integer> b = ConfigOption.key("same").intType().description("b");
        assertThatThrownBy(() -> ConfigOptionRegistry.of(List.of(new ConfigOptionRegistry.Section("s", List.of(a, b)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'same'");
        ConfigOption<String> c = ConfigOption.key("other").stringType().description("c").withFallbackKeys("same");
        assertThatThrownBy(() -> ConfigOptionRegistry.of(List.of(new ConfigOptionRegistry.Section("s", List.of(a, c)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDefinedOptionHasASentenceOfDescription() {
        assertThat(registry.options()).allSatisfy(option -> assertThat(option.description()).endsWith(".").hasSizeGreaterThan(30));
    }
}
