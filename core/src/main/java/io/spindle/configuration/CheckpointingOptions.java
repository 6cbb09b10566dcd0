package io.spindle.configuration;

import java.time.Duration;

/** Options of checkpoints and of restarting failed jobs. Constants only; not instantiable. */
public final class CheckpointingOptions {

    /** Checkpoint period. */
    public static final ConfigOption<Duration> INTERVAL = ConfigOption.key("execution.checkpointing.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .description("How often a checkpoint of every running job is started. After a failure a job"
                    + " resumes from its latest completed checkpoint, so this bounds the work redone.");

    /** Checkpoint timeout. */
    public static final ConfigOption<Duration> TIMEOUT = ConfigOption.key("execution.checkpointing.timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .description("A checkpoint that has not completed within this time is abandoned.");

    /** Number of completed checkpoints kept. */
    public static final ConfigOption<Integer> NUM_RETAINED = ConfigOption.key("state.checkpoints.num-retained")
            .intType()
            .defaultValue(1)
            .description("How many of the newest completed checkpoints are kept per job; older ones are"
                    + " removed. Keeping more than one lets recovery fall back when the newest checkpoint is"
                    + " damaged.");

    /** Restarts before a job fails for good. */
    public static final ConfigOption<Integer> RESTART_ATTEMPTS = ConfigOption.key("restart-strategy.fixed-delay.attempts")
            .intType()
            .defaultValue(3)
            .description("How many times a failed job is restarted from its latest checkpoint before it is"
                    + " declared failed.");

    /** Pause before a restart. */
    public static final ConfigOption<Duration> RESTART_DELAY = ConfigOption.key("restart-strategy.fixed-delay.delay")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .description("How long to wait between a job's failure and its restart.");

    private CheckpointingOptions() {}
}
