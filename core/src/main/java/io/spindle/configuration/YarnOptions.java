package io.spindle.configuration;

import java.time.Duration;
import java.util.List;

/** Options of running on Hadoop YARN. Constants only; not instantiable. */
public final class YarnOptions {

    /** Maximum ApplicationMaster attempts. */
    public static final ConfigOption<Integer> APPLICATION_ATTEMPTS = ConfigOption.key("yarn.application-attempts")
            .intType()
            .description("How many times YARN starts the ApplicationMaster (and with it the JobManager)"
                    + " before it gives the application up. When unset: 2 with high availability, 1"
                    + " without. The ResourceManager's yarn.resourcemanager.am.max-attempts caps it.");

    /** Window in which attempt failures count. */
    public static final ConfigOption<Duration> APPLICATION_ATTEMPT_FAILURES_VALIDITY_INTERVAL =
            ConfigOption.key("yarn.application-attempt-failures-validity-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .description("Only ApplicationMaster failures within this sliding window count against"
                            + " yarn.application-attempts, so that a long-running application survives"
                            + " occasional failures spread over time. It must be longer than an attempt takes"
                            + " to fail times the attempts, or failures never accumulate and a crash loop runs"
                            + " without end (the trap of a 10 s window, FLINK-38112): with the default, 2"
                            + " attempts that both fail within 10 minutes end the application. Errors no"
                            + " further attempt can fix (a bad key, ZooKeeper or storageDir unusable at the"
                            + " first start) end the application at once, whatever this says.");

    /** Application name. */
    public static final ConfigOption<String> APPLICATION_NAME = ConfigOption.key("yarn.application.name")
            .stringType()
            .description("The name the application has in YARN (ResourceManager UI and 'yarn application"
                    + " -list'). When unset, the client picks a name from the job or session.");

    /** Queue. */
    public static final ConfigOption<String> APPLICATION_QUEUE = ConfigOption.key("yarn.application.queue")
            .stringType()
            .defaultValue("default")
            .description("The YARN scheduler queue the application is submitted to.");

    /** Application type. */
    public static final ConfigOption<String> APPLICATION_TYPE = ConfigOption.key("yarn.application.type")
            .stringType()
            .defaultValue("Spindle")
            .description("The application type shown by YARN, useful to filter applications with"
                    + " 'yarn application -list -appTypes'.");

    /** Priority. */
    public static final ConfigOption<Integer> APPLICATION_PRIORITY = ConfigOption.key("yarn.application.priority")
            .intType()
            .defaultValue(-1)
            .description("The YARN priority of the application; higher numbers are scheduled first where"
                    + " the scheduler supports priorities. A negative value keeps the queue's default.");

    /** Tags. */
    public static final ConfigOption<List<String>> TAGS = ConfigOption.key("yarn.tags")
            .stringListType()
            .description("Comma-separated tags attached to the YARN application, for searching and"
                    + " grouping applications.");

    /** Node label expression for the application's containers. */
    public static final ConfigOption<String> APPLICATION_NODE_LABEL = ConfigOption.key("yarn.application.node-label")
            .stringType()
            .description("A YARN node label: the application's containers are only placed on nodes that"
                    + " carry it.");

    /** Where a session's properties file is written. */
    public static final ConfigOption<String> PROPERTIES_FILE_LOCATION = ConfigOption.key("yarn.properties-file.location")
            .stringType()
            .description("The directory in which a YARN session writes its properties file, which later"
                    + " commands read to find the running session. When unset, the system's temporary"
                    + " directory is used.");

    /** Pre-uploaded library directories. */
    public static final ConfigOption<List<String>> PROVIDED_LIB_DIRS = ConfigOption.key("yarn.provided.lib.dirs")
            .stringListType()
            .description("Comma-separated directories on the cluster's file system that already hold"
                    + " Spindle's libraries (e.g. an administrator's copy of lib/ for the whole cluster). Containers"
                    + " use them in place of lib/; nothing of lib/ is uploaded. Files readable by everyone in"
                    + " directories everyone may enter become PUBLIC local resources (one NodeManager copy for"
                    + " all users), others PRIVATE (one copy per user).");

    /** Whether lib/ is uploaded once into a shared, content-keyed folder and reused. */
    public static final ConfigOption<Boolean> SHARED_LIB = ConfigOption.key("yarn.shared-lib.enabled")
            .booleanType()
            .defaultValue(true)
            .description("Whether the client uploads lib/ once into a folder keyed by the jars' names and"
                    + " contents, {home}/.spindle/lib/<hash>/ on the cluster's default file system, and reuses"
                    + " it for every later submission of the same distribution (checked by size and checksum;"
                    + " a damaged copy is replaced). Its files are PRIVATE local resources, so each NodeManager"
                    + " localizes them once for all of the user's applications. 'false' uploads lib/ into"
                    + " every application's staging dir, as before. Ignored when yarn.provided.lib.dirs or"
                    + " yarn.container.node-classpath is set.");

    /** Classpath entries installed on every NodeManager host. */
    public static final ConfigOption<List<String>> CONTAINER_NODE_CLASSPATH = ConfigOption.key("yarn.container.node-classpath")
            .stringListType()
            .description("Comma-separated classpath entries present on every NodeManager host (a Spindle"
                    + " installation on each node, e.g. '/opt/spindle/lib/*'). When set, the client uploads"
                    + " no lib/ and the ApplicationMaster and TaskExecutor containers use these entries, after"
                    + " the staged conf/, in place of lib/* and yarn.application.classpath.");

    /** Whether container JVMs use the distribution's class-data-sharing archive. */
    public static final ConfigOption<Boolean> CONTAINER_CDS_ENABLED = ConfigOption.key("yarn.container.cds.enabled")
            .booleanType()
            .defaultValue(true)
            .description("Whether the ApplicationMaster and TaskExecutor JVMs start with the AppCDS archive the"
                    + " distribution ships (lib/spindle-containers.jsa: the classes both load, parsed and laid"
                    + " out when the distribution was built). It applies only when the archive is among the"
                    + " container's lib/ files; a JVM whose JDK or jars differ from the build's runs without it"
                    + " (-Xshare:auto), and says so in its log directory's cds.log. See docs/performance.md.");

    /** Extra options of every container JVM. */
    public static final ConfigOption<List<String>> CONTAINER_JVM_OPTIONS = ConfigOption.key("yarn.container.jvm-options")
            .stringListType()
            .description("Comma-separated options added to the command line of the ApplicationMaster's and every"
                    + " TaskExecutor's JVM, after Spindle's own (so they win), e.g. '-XX:+UseSerialGC'. YARN"
                    + " replaces <LOG_DIR> with the container's log directory.");

    /** Container failures tolerated per interval. */
    public static final ConfigOption<Integer> MAX_FAILED_CONTAINERS = ConfigOption.key("yarn.taskmanager.max-failed-containers")
            .intType()
            .defaultValue(10)
            .description("How many TaskExecutor containers may fail within"
                    + " yarn.taskmanager.failure-rate-interval before the ApplicationMaster gives up and fails the"
                    + " application, instead of replacing containers that keep dying.");

    /** Window of the container failure rate. */
    public static final ConfigOption<Duration> CONTAINER_FAILURE_INTERVAL = ConfigOption.key("yarn.taskmanager.failure-rate-interval")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .description("The sliding window in which yarn.taskmanager.max-failed-containers counts container failures.");

    /** Container failures on one node that exclude it from the AM's container requests. */
    public static final ConfigOption<Integer> NODE_EXCLUSION_FAILURES = ConfigOption.key("yarn.node-exclusion.failures")
            .intType()
            .defaultValue(3)
            .description("How many TaskExecutor containers may fail on one NodeManager within"
                    + " yarn.node-exclusion.expiry before the ApplicationMaster excludes that node from its"
                    + " container requests (AMRMClient.updateBlacklist) for yarn.node-exclusion.expiry, so that"
                    + " replacements go to other nodes; failures count as for yarn.taskmanager.max-failed-containers."
                    + " The excluded nodes are listed in the REST overview (excludedNodes). 0 excludes no node.");

    /** How long node failures count, and an excluded node stays excluded. */
    public static final ConfigOption<Duration> NODE_EXCLUSION_EXPIRY = ConfigOption.key("yarn.node-exclusion.expiry")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .description("How long the container failures on a node count towards yarn.node-exclusion.failures,"
                    + " and how long a node stays excluded; then containers may be placed on it again.");

    /** Size at which a container's spindle.log rolls over. */
    public static final ConfigOption<MemorySize> CONTAINER_LOG_MAX_FILE_SIZE = ConfigOption.key("yarn.container.log.max-file-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(100))
            .description("The size at which the spindle.log of an ApplicationMaster or TaskExecutor container"
                    + " rolls over to spindle.log.1 (the older files shift up), as the shipped log4j2.xml does"
                    + " it.");

    /** Rolled-over files kept beside a container's spindle.log. */
    public static final ConfigOption<Integer> CONTAINER_LOG_MAX_BACKUPS = ConfigOption.key("yarn.container.log.max-backups")
            .intType()
            .defaultValue(10)
            .description("How many rolled-over files (spindle.log.1 ... spindle.log.N) a container keeps beside"
                    + " its spindle.log; the oldest is deleted beyond that. With the default sizes a container"
                    + " holds at most 1.1 GB of logs.");

    /** Which container log files YARN aggregates when the application ends. */
    public static final ConfigOption<String> LOG_AGGREGATION_INCLUDE_PATTERN = ConfigOption.key("yarn.log-aggregation.include-pattern")
            .stringType()
            .description("A Java regular expression of the container log file names YARN aggregates when the"
                    + " application ends (YARN's LogAggregationContext). When unset, every file is aggregated.");

    /** Which container log files YARN does not aggregate. */
    public static final ConfigOption<String> LOG_AGGREGATION_EXCLUDE_PATTERN = ConfigOption.key("yarn.log-aggregation.exclude-pattern")
            .stringType()
            .description("A Java regular expression of the container log file names YARN leaves out of the"
                    + " aggregation at the application's end; it wins over the include pattern.");

    /** Which container log files YARN aggregates while the application runs. */
    public static final ConfigOption<String> LOG_AGGREGATION_ROLLED_INCLUDE_PATTERN =
            ConfigOption.key("yarn.log-aggregation.rolled-logs-include-pattern")
            .stringType()
            .description("Rolling aggregation for long-running sessions: a Java regular expression of the"
                    + " container log file names the NodeManagers upload while the application runs, every"
                    + " yarn.nodemanager.log-aggregation.roll-monitoring-interval-seconds (a NodeManager setting"
                    + " that must be set for it). E.g. 'spindle\\.log\\.[0-9]+' uploads each rolled-over file"
                    + " once.");

    /** Which container log files YARN does not aggregate while the application runs. */
    public static final ConfigOption<String> LOG_AGGREGATION_ROLLED_EXCLUDE_PATTERN =
            ConfigOption.key("yarn.log-aggregation.rolled-logs-exclude-pattern")
            .stringType()
            .description("A Java regular expression of the container log file names the NodeManagers do not"
                    + " upload while the application runs; it wins over the rolled-logs include pattern.");

    /** The id of an existing application. */
    public static final ConfigOption<String> APPLICATION_ID = ConfigOption.key("yarn.application.id")
            .stringType()
            .description("The id of a running YARN application (such as a session) that commands should"
                    + " talk to, e.g. 'application_1700000000000_0001'.");

    /** Whether the client ships the local keytab to the ApplicationMaster. */
    public static final ConfigOption<Boolean> SHIP_LOCAL_KEYTAB = ConfigOption.key("yarn.security.kerberos.ship-local-keytab")
            .booleanType()
            .defaultValue(true)
            .description("Whether the client uploads security.kerberos.login.keytab for the ApplicationMaster:"
                    + " into a folder of the staging dir that only the submitting user can read (0700, the file"
                    + " 0600), localized as a PRIVATE resource for the ApplicationMaster only (TaskExecutors never"
                    + " get it, they get delegation tokens); it is deleted with the staging dir. With 'false' the"
                    + " ApplicationMaster reads the keytab at the same path on its own node, which must exist on"
                    + " every node.");

    private YarnOptions() {}
}
