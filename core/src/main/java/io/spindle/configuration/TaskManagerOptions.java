package io.spindle.configuration;

import java.time.Duration;

/**
 * Options of the TaskExecutor processes and of the heartbeats between them and the JobManager.
 * Constants only; not instantiable.
 */
public final class TaskManagerOptions {

    /** Total memory of a TaskExecutor process. */
    public static final ConfigOption<MemorySize> PROCESS_SIZE = ConfigOption.key("taskmanager.memory.process.size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(1728))
            .description("The total memory of one TaskExecutor process: the container size requested from"
                    + " YARN for each TaskExecutor.");

    /** Slots per TaskExecutor. */
    public static final ConfigOption<Integer> NUMBER_OF_TASK_SLOTS = ConfigOption.key("taskmanager.numberOfTaskSlots")
            .intType()
            .defaultValue(1)
            .description("How many parallel tasks one TaskExecutor runs. A job of parallelism p needs p"
                    + " slots, so this decides how many containers are requested.");

    /** Host name the TaskExecutor announces. */
    public static final ConfigOption<String> HOST = ConfigOption.key("taskmanager.host")
            .stringType()
            .description("The host name or address the TaskExecutor announces to the JobManager for its RPC"
                    + " endpoint. When unset, the machine's host name is used.");

    /** RPC port(s) of the TaskExecutor. */
    public static final ConfigOption<PortRange> RPC_PORT = ConfigOption.key("taskmanager.rpc.port")
            .portRangeType()
            .defaultValue(PortRange.ANY)
            .description("The port, ports or port ranges the TaskExecutor tries, in order, for its RPC"
                    + " endpoint; '0' lets the operating system choose.");

    /** Port range of the TaskExecutor's Prometheus endpoint ({@code GET /metrics}). */
    public static final ConfigOption<PortRange> METRICS_PORT = ConfigOption.key("taskmanager.metrics.port")
            .portRangeType()
            .defaultValue(PortRange.ANY)
            .description("The port, ports or port ranges the TaskExecutor tries, in order, for its Prometheus"
                    + " metrics endpoint (GET /metrics); '0' lets the operating system choose.");

    /** Heartbeat period. */
    public static final ConfigOption<Duration> HEARTBEAT_INTERVAL = ConfigOption.key("heartbeat.interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .description("How often the JobManager and the TaskExecutors exchange heartbeats.");

    /** Heartbeat timeout. */
    public static final ConfigOption<Duration> HEARTBEAT_TIMEOUT = ConfigOption.key("heartbeat.timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(50))
            .description("After how long without a heartbeat the other side is considered dead. Must be"
                    + " larger than heartbeat.interval.");

    /** How long a TaskExecutor keeps running the tasks of a leader that went away. */
    public static final ConfigOption<Duration> PREVIOUS_LEADER_RECOVERY_TIMEOUT = ConfigOption
            .key("taskmanager.previous-leader.recovery-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .description("How long a TaskExecutor keeps running the tasks of a JobManager leader it lost (the"
                    + " leader failed over, or its heartbeats stopped) so that the next leader can adopt them"
                    + " instead of restarting the job. Meanwhile the tasks keep working but obey no command and"
                    + " commit nothing; the TaskExecutor reports them when it registers with a new leader. Tasks"
                    + " no leader adopted within this time are cancelled. 0 cancels them at once.");

    private TaskManagerOptions() {}
}
