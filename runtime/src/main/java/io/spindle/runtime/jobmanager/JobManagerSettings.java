package io.spindle.runtime.jobmanager;

import io.spindle.configuration.CheckpointingOptions;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.runtime.security.ClusterAuthentication;
import java.time.Duration;

/**
 * The JobManager's timing and retention settings, read once from the configuration. Immutable.
 *
 * @param heartbeatInterval how often the JobManager sends heartbeats to TaskExecutors
 * @param heartbeatTimeout silence after which a TaskExecutor is lost
 * @param checkpointInterval period of checkpoints
 * @param checkpointTimeout a checkpoint not completed within this is abandoned
 * @param retainedCheckpoints completed checkpoints kept per job
 * @param restartAttempts restarts before a job fails for good
 * @param restartDelay pause before a restart
 * @param rpcTimeout deadline of one command to a TaskExecutor
 * @param adoptionTimeout how long a new leader waits for the running tasks of its recovered jobs to
 *     be reported; zero adopts nothing
 * @param retainedEndedJobs ended jobs kept in the history (and their results in the job result store)
 * @param authentication signs the JobManager's calls to TaskExecutors
 */
public record JobManagerSettings(
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration checkpointInterval,
        Duration checkpointTimeout,
        int retainedCheckpoints,
        int restartAttempts,
        Duration restartDelay,
        Duration rpcTimeout,
        Duration adoptionTimeout,
        int retainedEndedJobs,
        ClusterAuthentication authentication) {

    /**
     * Reads the settings.
     *
     * @throws IllegalConfigurationException if the heartbeat timeout is not above the interval, or a
     *     count is negative
     */
    public static JobManagerSettings from(Configuration conf, ClusterAuthentication authentication) {
        Duration interval = conf.get(TaskManagerOptions.HEARTBEAT_INTERVAL);
        Duration timeout = conf.get(TaskManagerOptions.HEARTBEAT_TIMEOUT);
        if (timeout.compareTo(interval) <= 0) {
            throw new IllegalConfigurationException("'" + TaskManagerOptions.HEARTBEAT_TIMEOUT.key() + "' ("
                    + timeout.toMillis() + " ms) must be larger than '" + TaskManagerOptions.HEARTBEAT_INTERVAL.key()
                    + "' (" + interval.toMillis() + " ms)");
        }
        int retained = conf.get(CheckpointingOptions.NUM_RETAINED);
        if (retained < 1) {
            throw new IllegalConfigurationException("'" + CheckpointingOptions.NUM_RETAINED.key()
                    + "' must be at least 1, not " + retained);
        }
        int attempts = conf.get(CheckpointingOptions.RESTART_ATTEMPTS);
        if (attempts < 0) {
            throw new IllegalConfigurationException("'" + CheckpointingOptions.RESTART_ATTEMPTS.key()
                    + "' must not be negative, not " + attempts);
        }
        int endedJobs = conf.get(JobManagerOptions.RETAINED_ENDED_JOBS);
        if (endedJobs < 1) {
            throw new IllegalConfigurationException("'" + JobManagerOptions.RETAINED_ENDED_JOBS.key()
                    + "' must be at least 1, not " + endedJobs);
        }
        return new JobManagerSettings(interval, timeout, conf.get(CheckpointingOptions.INTERVAL),
                conf.get(CheckpointingOptions.TIMEOUT), retained, attempts,
                conf.get(CheckpointingOptions.RESTART_DELAY), Duration.ofSeconds(10),
                conf.get(JobManagerOptions.ADOPTION_TIMEOUT), endedJobs, authentication);
    }
}
