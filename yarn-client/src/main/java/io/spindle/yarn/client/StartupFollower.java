package io.spindle.yarn.client;

import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.runtime.rest.RestClientException;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.util.Polling;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the start of a deployed cluster past its leader (the step behind
 * {@link YarnClusterDeployer#followStartup}): reads the JobManager's {@code /v1/cluster/startup}
 * every poll interval, printing each new step, until its tasks run
 * ({@link StartupTimeline#TASKS_RUNNING}), the timeout passes or the JobManager stops answering
 * (the cluster ended).
 *
 * <p>Immutable; thread-safe: each call keeps its state on its own stack.
 */
final class StartupFollower {

    private static final Logger LOG = LoggerFactory.getLogger(StartupFollower.class);

    private final ApplicationReadiness readiness;
    private final Duration pollInterval;
    private final Consumer<String> console;

    StartupFollower(ApplicationReadiness readiness, Duration pollInterval, Consumer<String> console) {
        this.readiness = Objects.requireNonNull(readiness);
        this.pollInterval = Objects.requireNonNull(pollInterval);
        this.console = Objects.requireNonNull(console);
    }

    /**
     * @return the report with every step seen
     * @throws InterruptedException if interrupted while waiting
     */
    StartupReport follow(ClusterHandle handle, Duration timeout) throws InterruptedException {
        StartupProgress progress = new StartupProgress(handle.startup(), console);
        RestClusterClient rest = readiness.client(handle.applicationId(), handle.restUrl());
        Polling.poll(pollInterval, timeout, () -> {
            try {
                progress.add(rest.startup());
            } catch (RestClientException e) {
                LOG.debug("No start steps from {}: {}", handle.restUrl(), e.getMessage());
                return Optional.of(false);
            }
            return progress.has(StartupTimeline.TASKS_RUNNING) ? Optional.of(true) : Optional.empty();
        });
        return progress.report(handle.startup().libFilesUploaded(), handle.startup().libBytesUploaded());
    }
}
