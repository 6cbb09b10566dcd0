package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.MemorySize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSpecificationTest {

    @Test
    void defaultsWithoutHighAvailability() {
        ClusterSpecification spec = ClusterSpecification.fromConfiguration(Configuration.empty(), "Spindle session");
        assertThat(spec.jobManagerMemory()).isEqualTo(MemorySize.ofMebiBytes(1024));
        assertThat(spec.taskManagerMemory()).isEqualTo(MemorySize.ofMebiBytes(1728));
        assertThat(spec.slotsPerTaskManager()).isEqualTo(1);
        assertThat(spec.queue()).isEqualTo("default");
        assertThat(spec.name()).isEqualTo("Spindle session");
        assertThat(spec.applicationType()).isEqualTo("Spindle");
        assertThat(spec.priority()).isNegative();
        assertThat(spec.tags()).isEmpty();
        assertThat(spec.nodeLabel()).isEmpty();
        assertThat(spec.applicationAttempts()).isEqualTo(1);
        assertThat(spec.attemptFailuresValidityInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(spec.keepContainersAcrossAttempts()).isTrue();
        assertThat(spec.logging()).isEqualTo(new io.spindle.yarn.common.ContainerLogging(MemorySize.ofMebiBytes(100), 10));
        assertThat(spec.logAggregation().isSet()).isFalse();
    }

    @Test
    void logSettingsAndAggregationPatternsReachTheSubmissionContext() {
        ClusterSpecification spec = ClusterSpecification.fromConfiguration(Configuration.fromMap(Map.of(
                "yarn.container.log.max-file-size", "8 mb",
                "yarn.container.log.max-backups", "3",
                "yarn.log-aggregation.include-pattern", "spindle\\.log.*|stdout|stderr",
                "yarn.log-aggregation.rolled-logs-include-pattern", "spindle\\.log\\.[0-9]+",
                "yarn.log-aggregation.exclude-pattern", " ")), "x");
        assertThat(spec.logging()).isEqualTo(new io.spindle.yarn.common.ContainerLogging(MemorySize.ofMebiBytes(8), 3));

        org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext ctx =
                org.apache.hadoop.yarn.util.Records.newRecord(org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext.class);
        spec.applyTo(ctx, org.apache.hadoop.yarn.util.Records.newRecord(
                org.apache.hadoop.yarn.api.records.ContainerLaunchContext.class));

        assertThat(ctx.getLogAggregationContext().getIncludePattern()).isEqualTo("spindle\\.log.*|stdout|stderr");
        assertThat(ctx.getLogAggregationContext().getRolledLogsIncludePattern()).isEqualTo("spindle\\.log\\.[0-9]+");
        assertThat(ctx.getLogAggregationContext().getExcludePattern()).as("blank counts as unset").isNullOrEmpty();
    }

    @Test
    void noPatternSendsNoLogAggregationContext() {
        org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext ctx =
                org.apache.hadoop.yarn.util.Records.newRecord(org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext.class);
        ClusterSpecification.fromConfiguration(Configuration.empty(), "x").applyTo(ctx,
                org.apache.hadoop.yarn.util.Records.newRecord(org.apache.hadoop.yarn.api.records.ContainerLaunchContext.class));
        assertThat(ctx.getLogAggregationContext()).isNull();
    }

    @Test
    void twoAttemptsByDefaultWithHighAvailabilityUnlessSet() {
        Configuration ha = Configuration.fromMap(Map.of("high-availability.type", "zookeeper"));
        assertThat(ClusterSpecification.fromConfiguration(ha, "x").applicationAttempts()).isEqualTo(2);
        Configuration set = ha.withRaw("yarn.application-attempts", "5");
        assertThat(ClusterSpecification.fromConfiguration(set, "x").applicationAttempts()).isEqualTo(5);
    }

    @Test
    void readsEveryKey() {
        ClusterSpecification spec = ClusterSpecification.fromConfiguration(Configuration.fromMap(Map.of(
                "jobmanager.memory.process.size", "1g",
                "taskmanager.memory.process.size", "2048m",
                "taskmanager.numberOfTaskSlots", "4",
                "yarn.application.queue", "etl",
                "yarn.application.name", "nightly",
                "yarn.application.type", "Spindle-ETL",
                "yarn.application.priority", "7",
                "yarn.tags", "a, b,,c",
                "yarn.application.node-label", "ssd",
                "yarn.application-attempt-failures-validity-interval", "1 min")), "unused");
        assertThat(spec.jobManagerMemory().mebiBytes()).isEqualTo(1024);
        assertThat(spec.taskManagerMemory().mebiBytes()).isEqualTo(2048);
        assertThat(spec.slotsPerTaskManager()).isEqualTo(4);
        assertThat(spec.queue()).isEqualTo("etl");
        assertThat(spec.name()).isEqualTo("nightly");
        assertThat(spec.applicationType()).isEqualTo("Spindle-ETL");
        assertThat(spec.priority()).isEqualTo(7);
        assertThat(spec.tags()).isEqualTo(List.of("a", "b", "c"));
        assertThat(spec.nodeLabel()).isEqualTo(Optional.of("ssd"));
        assertThat(spec.attemptFailuresValidityInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void rejectsNonPositiveSlotsAndAttemptsNamingTheKey() {
        assertThatThrownBy(() -> ClusterSpecification.fromConfiguration(
                Configuration.fromMap(Map.of("taskmanager.numberOfTaskSlots", "0")), "x"))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("taskmanager.numberOfTaskSlots");
        assertThatThrownBy(() -> ClusterSpecification.fromConfiguration(
                Configuration.fromMap(Map.of("yarn.application-attempts", "0")), "x"))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("yarn.application-attempts");
    }
}
