package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.HighAvailabilityType;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.MemorySize;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.configuration.YarnOptions;
import io.spindle.yarn.common.ContainerJvmOptions;
import io.spindle.yarn.common.ContainerLogging;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;

/**
 * What a Spindle cluster asks YARN for: container sizes, slots, and how the application is
 * submitted (name, type, queue, priority, tags, node label, attempts).
 *
 * <p>Immutable and thread-safe.
 *
 * @param jobManagerMemory the ApplicationMaster container ({@code jobmanager.memory.process.size})
 * @param taskManagerMemory each TaskExecutor container ({@code taskmanager.memory.process.size})
 * @param slotsPerTaskManager {@code taskmanager.numberOfTaskSlots}
 * @param queue {@code yarn.application.queue}
 * @param name {@code yarn.application.name}, or the name the client picked
 * @param applicationType {@code yarn.application.type}
 * @param priority {@code yarn.application.priority}; negative keeps the queue's default
 * @param tags {@code yarn.tags}
 * @param nodeLabel {@code yarn.application.node-label}, if any
 * @param applicationAttempts {@code yarn.application-attempts}: when unset 2 with high availability, 1 without
 * @param attemptFailuresValidityInterval {@code yarn.application-attempt-failures-validity-interval}
 * @param keepContainersAcrossAttempts always true: TaskExecutors survive an AM failure and re-attach
 * @param logging how the containers log ({@code yarn.container.log.*})
 * @param logAggregation which log files YARN aggregates ({@code yarn.log-aggregation.*})
 * @param jvmOptions the containers' AppCDS archive and extra JVM options ({@code yarn.container.cds.enabled},
 *     {@code yarn.container.jvm-options})
 */
public record ClusterSpecification(
        MemorySize jobManagerMemory,
        MemorySize taskManagerMemory,
        int slotsPerTaskManager,
        String queue,
        String name,
        String applicationType,
        int priority,
        List<String> tags,
        Optional<String> nodeLabel,
        int applicationAttempts,
        Duration attemptFailuresValidityInterval,
        boolean keepContainersAcrossAttempts,
        ContainerLogging logging,
        LogAggregationPatterns logAggregation,
        ContainerJvmOptions jvmOptions) {

    /** Attempts when {@code yarn.application-attempts} is unset and high availability is on. */
    public static final int DEFAULT_ATTEMPTS_WITH_HA = 2;

    /** Copies the tags and checks for nulls. */
    public ClusterSpecification {
        Objects.requireNonNull(jobManagerMemory, "jobManagerMemory");
        Objects.requireNonNull(taskManagerMemory, "taskManagerMemory");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(applicationType, "applicationType");
        tags = List.copyOf(tags);
        Objects.requireNonNull(nodeLabel, "nodeLabel");
        Objects.requireNonNull(attemptFailuresValidityInterval, "attemptFailuresValidityInterval");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(logAggregation, "logAggregation");
        Objects.requireNonNull(jvmOptions, "jvmOptions");
    }

    /**
     * Reads the specification from {@code config}.
     *
     * @param config the effective configuration
     * @param defaultName the application name when {@code yarn.application.name} is unset
     * @throws IllegalConfigurationException if a value is malformed, or slots or attempts are not
     *     positive (the message names the key)
     */
    public static ClusterSpecification fromConfiguration(Configuration config, String defaultName) {
        int slots = config.get(TaskManagerOptions.NUMBER_OF_TASK_SLOTS);
        if (slots < 1) {
            throw new IllegalConfigurationException("Invalid value '" + slots + "' for key '"
                    + TaskManagerOptions.NUMBER_OF_TASK_SLOTS.key() + "': expected at least 1");
        }
        boolean ha = config.get(HighAvailabilityOptions.TYPE) == HighAvailabilityType.ZOOKEEPER;
        int attempts = config.getOptional(YarnOptions.APPLICATION_ATTEMPTS)
                .orElse(ha ? DEFAULT_ATTEMPTS_WITH_HA : 1);
        if (attempts < 1) {
            throw new IllegalConfigurationException("Invalid value '" + attempts + "' for key '"
                    + YarnOptions.APPLICATION_ATTEMPTS.key() + "': expected at least 1");
        }
        String name = config.getOptional(YarnOptions.APPLICATION_NAME)
                .filter(n -> !n.isBlank())
                .orElse(defaultName);
        return new ClusterSpecification(
                config.get(JobManagerOptions.PROCESS_SIZE),
                config.get(TaskManagerOptions.PROCESS_SIZE),
                slots,
                config.get(YarnOptions.APPLICATION_QUEUE),
                name,
                config.get(YarnOptions.APPLICATION_TYPE),
                config.get(YarnOptions.APPLICATION_PRIORITY),
                config.getOptional(YarnOptions.TAGS).orElse(List.of()).stream()
                        .map(String::strip).filter(t -> !t.isEmpty()).toList(),
                config.getOptional(YarnOptions.APPLICATION_NODE_LABEL).filter(l -> !l.isBlank()),
                attempts,
                config.get(YarnOptions.APPLICATION_ATTEMPT_FAILURES_VALIDITY_INTERVAL),
                true,
                ContainerLogging.from(config),
                LogAggregationPatterns.from(config),
                ContainerJvmOptions.from(config));
    }

    /**
     * Fills YARN's submission context with this specification and the AM container {@code amContainer}:
     * name, type, queue, priority (when not negative), tags, node label, attempts, the failure
     * validity interval, keep-containers, the log aggregation patterns (when set) and the AM's memory
     * (1 vcore).
     */
    public void applyTo(ApplicationSubmissionContext ctx, ContainerLaunchContext amContainer) {
        ctx.setApplicationName(name);
        ctx.setApplicationType(applicationType);
        ctx.setQueue(queue);
        if (priority >= 0) {
            ctx.setPriority(Priority.newInstance(priority));
        }
        if (!tags.isEmpty()) {
            ctx.setApplicationTags(new HashSet<>(tags));
        }
        nodeLabel.ifPresent(ctx::setNodeLabelExpression);
        ctx.setMaxAppAttempts(applicationAttempts);
        ctx.setAttemptFailuresValidityInterval(attemptFailuresValidityInterval.toMillis());
        ctx.setKeepContainersAcrossApplicationAttempts(keepContainersAcrossAttempts);
        logAggregation.applyTo(ctx);
        ctx.setResource(Resource.newInstance(jobManagerMemory.mebiBytes(), 1));
        ctx.setAMContainerSpec(amContainer);
    }
}
