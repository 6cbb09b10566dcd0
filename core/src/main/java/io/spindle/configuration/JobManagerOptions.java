package io.spindle.configuration;

import java.time.Duration;

/** Options of the JobManager process and its endpoints. Constants only; not instantiable. */
public final class JobManagerOptions {

    /** Total memory of the JobManager process. */
    public static final ConfigOption<MemorySize> PROCESS_SIZE = ConfigOption.key("jobmanager.memory.process.size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(1024))
            .description("The total memory of the JobManager process: the container size requested from"
                    + " YARN for the ApplicationMaster, heap and everything else included. The default is"
                    + " YARN's default minimum allocation, about 4 times the 250 MB an AM was measured to"
                    + " use with a job (docs/performance.md); raise it for sessions holding many jobs.");

    /** The RPC address of the JobManager. */
    public static final ConfigOption<String> RPC_ADDRESS = ConfigOption.key("jobmanager.rpc.address")
            .stringType()
            .description("The host name or address the JobManager's RPC endpoint binds to and announces."
                    + " With high availability and on YARN it is found through the leader information"
                    + " and need not be set.");

    /** REST port. */
    public static final ConfigOption<Integer> REST_PORT = ConfigOption.key("rest.port")
            .intType()
            .defaultValue(8081)
            .description("The port of the JobManager's REST endpoint and web UI; 0 picks a free port.");

    /** REST address. */
    public static final ConfigOption<String> REST_ADDRESS = ConfigOption.key("rest.address")
            .stringType()
            .description("The address clients use to reach the REST endpoint. When unset, the address the"
                    + " JobManager publishes with its leader information is used.");

    /** How long a new leader waits for TaskExecutors to report the running tasks of its recovered jobs. */
    public static final ConfigOption<Duration> ADOPTION_TIMEOUT = ConfigOption.key("jobmanager.adoption.timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(10))
            .description("How long a new JobManager leader waits, after recovering its jobs, for TaskExecutors"
                    + " to report the tasks an earlier leader deployed. A job all of whose tasks of its latest"
                    + " deployment are reported alive is adopted: it keeps running without a restart. A job"
                    + " still incomplete when this time is up restarts from its latest checkpoint. 0 adopts"
                    + " nothing (every recovered job restarts, and reported tasks are cancelled).");

    /** How many ended jobs the cluster remembers. */
    public static final ConfigOption<Integer> RETAINED_ENDED_JOBS = ConfigOption.key("jobmanager.retained-ended-jobs")
            .intType()
            .defaultValue(100)
            .description("How many ended jobs (finished, cancelled or failed, their cleanup done) the cluster keeps"
                    + " in its history: the job list of the REST API, `spindle list` and the dashboard, across"
                    + " leaders. The result file of each is kept in the storageDir's job-results folder; when a"
                    + " job's cleanup is done, the oldest results beyond this number are deleted. At least 1.");

    private JobManagerOptions() {}
}
