package io.spindle.yarn.common;

/**
 * What the submission client and the ApplicationMaster agree on: the environment variables the
 * client sets in the AM's launch context, and the names of the files it stages. The AM reuses the
 * staged files for the TaskExecutor containers it starts.
 *
 * <p>Staging dir layout on the cluster's default file system, readable only by the user:
 * <pre>
 * {home}/.spindle/{applicationId}/
 *     lib/            Spindle's jars, only with yarn.shared-lib.enabled false (else they are in
 *                     {home}/.spindle/lib/{hash}/, or yarn.provided.lib.dirs, or yarn.container.node-classpath)
 *     conf/config.yaml   the effective configuration, -D values included
 *     conf/log4j2.xml    the containers' Log4j2 configuration
 *     usrlib/job.jar     per-job mode: the user jar
 *     job.properties     per-job mode: entry class, arguments, parallelism, name ({@link StagedJob})
 *     keytab/krb5.keytab the user's keytab (security.kerberos.login.keytab), for the AM only, when
 *                        yarn.security.kerberos.ship-local-keytab is true; never a TaskExecutor's resource
 * </pre>
 * Every file is localized into the container's working directory under the same relative path.
 * Constants only; not instantiable.
 */
public final class AmLaunchContract {

    /** The AM's main class. */
    public static final String AM_MAIN_CLASS = "io.spindle.yarn.am.ApplicationMasterMain";

    /** The TaskExecutor's main class (in containers the AM starts). */
    public static final String TASK_EXECUTOR_MAIN_CLASS = "io.spindle.runtime.entrypoint.TaskExecutorEntrypoint";

    /** Env: the staging dir, a fully qualified URI. */
    public static final String ENV_STAGING_DIR = "SPINDLE_STAGING_DIR";

    /** Env: {@code session} or {@code per-job}. */
    public static final String ENV_CLUSTER_MODE = "SPINDLE_CLUSTER_MODE";

    /**
     * Env: comma-separated fully qualified directories of pre-uploaded jars (yarn.provided.lib.dirs,
     * or the shared copy of lib/), or unset; listed with {@link LibDirectory}.
     */
    public static final String ENV_PROVIDED_LIB_DIRS = "SPINDLE_PROVIDED_LIB_DIRS";

    /** Env: the user who submitted, for the staging dir's owner checks. */
    public static final String ENV_SUBMITTER = "SPINDLE_SUBMITTER";

    /** Cluster mode value for a session. */
    public static final String MODE_SESSION = "session";

    /** Cluster mode value for a per-job cluster. */
    public static final String MODE_PER_JOB = "per-job";

    /** Staged folder of Spindle's jars. */
    public static final String LIB_DIR = "lib";

    /** Staged folder of configuration files, put on the container classpath. */
    public static final String CONF_DIR = "conf";

    /** Staged configuration file, relative to the staging dir. */
    public static final String CONFIG_FILE = "conf/config.yaml";

    /** Staged Log4j2 configuration, relative to the staging dir. */
    public static final String LOG4J_FILE = "conf/log4j2.xml";

    /** Staged user jar for per-job mode, relative to the staging dir. */
    public static final String USER_JAR = "usrlib/job.jar";

    /** Staged copy of the user's keytab for the AM only, relative to the staging dir and the AM's working dir. */
    public static final String KEYTAB_FILE = "keytab/krb5.keytab";

    /** The staging dir's folder that holds {@link #KEYTAB_FILE}; TaskExecutors never get its files. */
    public static final String KEYTAB_DIR = "keytab";

    /** Staged description of the per-job job, relative to the staging dir. */
    public static final String JOB_PROPERTIES = "job.properties";

    /**
     * The folder, below {@link #STAGING_ROOT}, of the shared copies of {@code lib/}: one sub-folder
     * per content hash, {@code {home}/.spindle/lib/<hash>/}, kept across applications.
     */
    public static final String SHARED_LIB_ROOT = "lib";

    /** The file in a shared lib folder listing its jars (name, length, checksum); not a container resource. */
    public static final String LIB_MANIFEST = "_spindle-lib.manifest";

    /** The folder under the user's home directory that holds staging dirs. */
    public static final String STAGING_ROOT = ".spindle";

    private AmLaunchContract() {}
}
