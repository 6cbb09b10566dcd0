package io.spindle.configuration;

import java.util.List;

/**
 * Options of the cluster's own authentication (the shared secret of its control paths), of
 * authentication towards ZooKeeper (SASL) and of Kerberos login contexts. Constants only; not
 * instantiable.
 */
public final class SecurityOptions {

    /** Kerberos service name of the ZooKeeper servers. */
    public static final ConfigOption<String> ZOOKEEPER_SASL_SERVICE_NAME = ConfigOption.key("zookeeper.sasl.service-name")
            .stringType()
            .defaultValue("zookeeper")
            .description("The service name of the ZooKeeper servers' Kerberos principal (the part before"
                    + " the '/'), used when authenticating to ZooKeeper through SASL.");

    /** JAAS login context used for ZooKeeper. */
    public static final ConfigOption<String> ZOOKEEPER_SASL_LOGIN_CONTEXT_NAME =
            ConfigOption.key("zookeeper.sasl.login-context-name")
                    .stringType()
                    .defaultValue("Client")
                    .description("The JAAS login context the ZooKeeper client authenticates with. It must be"
                            + " one of the contexts listed in security.kerberos.login.contexts.");

    /** Turns SASL off for ZooKeeper. */
    public static final ConfigOption<Boolean> ZOOKEEPER_SASL_DISABLE = ConfigOption.key("zookeeper.sasl.disable")
            .booleanType()
            .defaultValue(false)
            .description("Set to 'true' to connect to ZooKeeper without SASL authentication, e.g. when"
                    + " the JVM has a JAAS configuration for other services but the quorum is open.");

    /** JAAS contexts that receive the Kerberos credentials. */
    public static final ConfigOption<List<String>> KERBEROS_LOGIN_CONTEXTS = ConfigOption.key("security.kerberos.login.contexts")
            .stringListType()
            .description("The JAAS login contexts that are given the Kerberos credentials, comma-separated"
                    + " (e.g. 'Client,KafkaClient'). Include the ZooKeeper context ('Client' by default) to"
                    + " authenticate to a Kerberos-secured ZooKeeper.");

    /** The keytab to log in with. */
    public static final ConfigOption<String> KERBEROS_LOGIN_KEYTAB = ConfigOption.key("security.kerberos.login.keytab")
            .stringType()
            .description("The Kerberos keytab file to log in with, on a Hadoop cluster with"
                    + " hadoop.security.authentication: kerberos; security.kerberos.login.principal names the"
                    + " principal in it. On YARN the client logs in with it, and the ApplicationMaster of every"
                    + " attempt logs in with it too, so that it can obtain fresh delegation tokens for as long as"
                    + " the application runs (see yarn.security.kerberos.ship-local-keytab). Without a keytab the"
                    + " client's ticket cache is used, and the application ends when its delegation tokens reach"
                    + " their maximum lifetime (7 days by default).");

    /** The principal of the keytab. */
    public static final ConfigOption<String> KERBEROS_LOGIN_PRINCIPAL = ConfigOption.key("security.kerberos.login.principal")
            .stringType()
            .description("The Kerberos principal in security.kerberos.login.keytab to log in as, e.g."
                    + " 'alice@EXAMPLE.COM'. Required when a keytab is set.");

    /** Whether the ticket cache may be used. */
    public static final ConfigOption<Boolean> KERBEROS_LOGIN_USE_TICKET_CACHE =
            ConfigOption.key("security.kerberos.login.use-ticket-cache")
                    .booleanType()
                    .defaultValue(true)
                    .description("Whether the client may use the Kerberos ticket cache (from 'kinit') when no"
                            + " keytab is set. With 'false' and no keytab, a submission to a Kerberized Hadoop"
                            + " cluster is refused before anything is created.");

    /** The file holding a standalone cluster's shared secret. */
    public static final ConfigOption<String> CLUSTER_SECRET_FILE = ConfigOption.key("security.cluster.secret-file")
            .stringType()
            .description("A file holding the shared secret of a standalone cluster (at least 16 characters;"
                    + " surrounding white space is ignored). Every JobManager, TaskExecutor and client of the"
                    + " cluster reads the same file: RPC between JobManagers and TaskExecutors and every REST call"
                    + " that changes something (submit, cancel, shut down) must prove they know it. The file"
                    + " must be readable by its owner only (0600 or 0400). bin/start-cluster.sh creates"
                    + " conf/cluster-secret when this points there and it does not exist yet. Not used on YARN,"
                    + " where the client makes a secret per application and YARN carries it to the containers.");

    /** Turns the cluster's authentication off (standalone only). */
    public static final ConfigOption<Boolean> AUTHENTICATION_ENABLED = ConfigOption.key("security.authentication.enabled")
            .booleanType()
            .defaultValue(true)
            .description("Set to 'false' to run a standalone cluster without authentication: then anybody who"
                    + " can reach a JobManager's REST or RPC port can submit code, cancel jobs and shut the"
                    + " cluster down, and every process logs a warning at start. With 'true' (the default) a"
                    + " standalone JobManager or TaskExecutor refuses to start without"
                    + " security.cluster.secret-file. A YARN application is always authenticated.");

    /** Whether REST reads need the credential too. */
    public static final ConfigOption<Boolean> REST_AUTHENTICATE_READS = ConfigOption.key("security.rest.authenticate-reads")
            .booleanType()
            .defaultValue(false)
            .description("Whether REST calls that only read (GET: overview, job list, job details) need the"
                    + " cluster's credential too. By default they are open, so that the web interface and the"
                    + " tracking URL through the ResourceManager's proxy work without one; calls that change"
                    + " something need it always.");

    private SecurityOptions() {}
}
