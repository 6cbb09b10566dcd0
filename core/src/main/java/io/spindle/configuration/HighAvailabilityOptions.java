package io.spindle.configuration;

import java.time.Duration;

/**
 * Options of JobManager high availability: leader election and recovery pointers in ZooKeeper,
 * recovery data in a storage directory. Constants only; not instantiable.
 */
public final class HighAvailabilityOptions {

    /** Whether JobManagers are highly available, and through which service. */
    public static final ConfigOption<HighAvailabilityType> TYPE = ConfigOption.key("high-availability.type")
            .enumType(HighAvailabilityType.class)
            .defaultValue(HighAvailabilityType.NONE)
            .description("Turns JobManager high availability on. 'zookeeper' elects one active JobManager"
                    + " through ZooKeeper and lets a new JobManager resume every job from its latest"
                    + " checkpoint; 'none' runs a single JobManager whose loss ends its jobs.")
            .withFallbackKeys("high-availability");

    /** The ZooKeeper ensemble. */
    public static final ConfigOption<String> ZOOKEEPER_QUORUM = ConfigOption.key("high-availability.zookeeper.quorum")
            .stringType()
            .description("The ZooKeeper servers to connect to, as comma-separated host:port pairs, e.g."
                    + " 'zk-host1:2181,zk-host2:2181,zk-host3:2181'. Required when high-availability.type"
                    + " is 'zookeeper'.");

    /** The root znode under which all clusters keep their data. */
    public static final ConfigOption<String> ZOOKEEPER_ROOT = ConfigOption.key("high-availability.zookeeper.path.root")
            .stringType()
            .defaultValue("/spindle")
            .description("The ZooKeeper node under which every Spindle cluster keeps its leader, latch, job"
                    + " graph and checkpoint nodes. Clusters sharing a root are told apart by"
                    + " high-availability.cluster-id.");

    /** The cluster's own znode below the root. */
    public static final ConfigOption<String> CLUSTER_ID = ConfigOption.key("high-availability.cluster-id")
            .stringType()
            .defaultValue("/default")
            .description("Names this cluster below high-availability.zookeeper.path.root and in"
                    + " high-availability.storageDir, so that several clusters can share one ZooKeeper and"
                    + " one storage directory. On YARN it is derived from the application id: do not set it"
                    + " by hand there, or clusters may overwrite each other's state. Set it only for"
                    + " standalone clusters.");

    /** Where recovery data is written. */
    public static final ConfigOption<String> STORAGE_DIR = ConfigOption.key("high-availability.storageDir")
            .stringType()
            .description("A directory on a file system every JobManager can reach (HDFS, or any Hadoop"
                    + " FileSystem) where job graphs, user jars, checkpoint metadata and job results are"
                    + " kept; ZooKeeper only holds pointers to these files. Required when"
                    + " high-availability.type is 'zookeeper'. Example: 'hdfs:///spindle/recovery'.");

    /** The JobManager's RPC port(s) under HA. */
    public static final ConfigOption<PortRange> JOB_MANAGER_PORT = ConfigOption.key("high-availability.jobmanager.port")
            .portRangeType()
            .defaultValue(PortRange.ANY)
            .description("The port, ports or port ranges the JobManager tries, in order, for its RPC"
                    + " endpoint when high availability is on. '0' lets the operating system choose a free"
                    + " port; a range such as '50000-50025' helps when a firewall only opens some ports.");

    /** ZooKeeper session timeout. */
    public static final ConfigOption<Duration> ZOOKEEPER_SESSION_TIMEOUT =
            ConfigOption.key("high-availability.zookeeper.client.session-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .description("How long ZooKeeper keeps the session of a silent client alive. When it"
                            + " expires the leader's latch node disappears and another JobManager can take"
                            + " over; shorter means faster failover outside YARN, but more spurious ones.");

    /** ZooKeeper connection timeout. */
    public static final ConfigOption<Duration> ZOOKEEPER_CONNECTION_TIMEOUT =
            ConfigOption.key("high-availability.zookeeper.client.connection-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(15))
                    .description("How long a client waits to establish a connection to the ZooKeeper"
                            + " quorum before the attempt counts as failed.");

    /** Initial wait between retries. */
    public static final ConfigOption<Duration> ZOOKEEPER_RETRY_WAIT =
            ConfigOption.key("high-availability.zookeeper.client.retry-wait")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .description("How long to wait before retrying a failed ZooKeeper operation the first"
                            + " time. The wait doubles with each further retry, up to"
                            + " high-availability.zookeeper.client.max-retry-wait.");

    /** Cap of the exponential backoff. */
    public static final ConfigOption<Duration> ZOOKEEPER_MAX_RETRY_WAIT =
            ConfigOption.key("high-availability.zookeeper.client.max-retry-wait")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .description("The longest wait between two retries of a ZooKeeper operation: the"
                            + " doubling of high-availability.zookeeper.client.retry-wait stops here.");

    /** Number of retries. */
    public static final ConfigOption<Integer> ZOOKEEPER_MAX_RETRY_ATTEMPTS =
            ConfigOption.key("high-availability.zookeeper.client.max-retry-attempts")
                    .intType()
                    .defaultValue(3)
                    .description("How many times a failed ZooKeeper operation is retried before the"
                            + " failure is reported.");

    /** Whether a SUSPENDED connection keeps leadership. */
    public static final ConfigOption<Boolean> ZOOKEEPER_TOLERATE_SUSPENDED_CONNECTIONS =
            ConfigOption.key("high-availability.zookeeper.client.tolerate-suspended-connections")
                    .booleanType()
                    .defaultValue(false)
                    .description("Whether a JobManager keeps its leadership while its ZooKeeper connection"
                            + " is suspended (interrupted, session not yet expired). By default it steps down"
                            + " at once. 'true' avoids needless failovers on flaky networks, at the price of"
                            + " relying on timing: enable it only if you see such failovers. A lost session"
                            + " always ends leadership.");

    /** ACL of created znodes. */
    public static final ConfigOption<ZooKeeperAcl> ZOOKEEPER_ACL = ConfigOption.key("high-availability.zookeeper.client.acl")
            .enumType(ZooKeeperAcl.class)
            .defaultValue(ZooKeeperAcl.OPEN)
            .description("The access control list put on the ZooKeeper nodes Spindle creates. 'open' lets"
                    + " anyone read and write them; 'creator' restricts them to the authenticated user that"
                    + " created them, which requires a secured (e.g. Kerberos/SASL) ZooKeeper; the leader"
                    + " information (and the cluster's namespace above it) stays readable by anyone, not"
                    + " writable, so that TaskExecutors without a Kerberos identity can follow their leader.");

    private HighAvailabilityOptions() {}
}
