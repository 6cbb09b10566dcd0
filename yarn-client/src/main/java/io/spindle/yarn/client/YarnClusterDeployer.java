package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.security.KerberosLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys Spindle clusters (a session, or a per-job cluster) on YARN, attaches to running ones and
 * stops them.
 *
 * <p>A deployment ({@link ApplicationSubmission}) runs, in order: the {@link ClusterPreflight} checks
 * (nothing is created before they pass); the request of an application id and the container-size
 * check; the staging of {@code lib/}, the configuration and, per job, the user jar into the
 * {@link StagingDirectory} ({@link ApplicationStaging}); the submission with the
 * {@link ClusterSpecification}; and the bounded wait for the JobManager leader
 * ({@link ApplicationReadiness}). If anything fails after the application id was requested, the
 * application is killed (if submitted) and the staging directory deleted before the error is
 * thrown; the same happens when the JVM shuts down meanwhile, e.g. on Ctrl-C
 * ({@link DeploymentRollback}). Progress lines and the final summary go to the console consumer.
 * After the leader, {@link #followStartup} ({@link StartupFollower}) prints the JobManager's start
 * steps; {@link #stop} is {@link ApplicationShutdown}.
 *
 * <p>Every application gets a new {@link ClusterSecret}: it goes into the AM's launch context as
 * YARN credentials ({@link ClusterSecretCredentials}) and into the submitting user's
 * {@link ApplicationSecretFile} (located by {@link Builder#clientConfiguration}), from which this
 * deployer and the CLI take the credential of their REST calls; {@link #stop} removes that file.
 *
 * <p>On a Hadoop cluster with Kerberos, the deployer logs in when it is built
 * ({@link HadoopUserSession}, {@link KerberosLogin}: {@code security.kerberos.login.keytab} and
 * {@code .principal} of the {@link Builder#clientConfiguration}, else the ticket cache) and does
 * everything as that user; the AM's launch context then also carries delegation tokens
 * ({@link AmLaunchCredentials}) and, with a keytab, the keytab itself
 * ({@code yarn.security.kerberos.ship-local-keytab}). A bad keytab or principal fails the build,
 * before anything is created.
 *
 * <p>Errors: {@link IllegalConfigurationException} for what the user must fix in configuration or
 * files; {@link ClusterDeploymentException} for failures of YARN, the file system or the cluster;
 * both with a one-line message.
 *
 * <p>Thread-safe: each call keeps its state on its own stack, and the YARN client and file system
 * it holds are thread-safe, so {@link #stop} may run from a shutdown hook while another thread
 * watches the application. {@link #close()} releases the YARN client and file system.
 */
public final class YarnClusterDeployer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(YarnClusterDeployer.class);

    private final HadoopUserSession session;
    private final ApplicationSecrets secrets;
    private final ApplicationReadiness readiness;
    private final ApplicationSubmission submission;
    private final StartupFollower startupFollower;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private final Consumer<String> console;

    private YarnClusterDeployer(Builder b) throws ClusterDeploymentException {
        this.session = new HadoopUserSession(b.hadoopConf, b.rmConnectTimeout, b.clientConfig);
        this.secrets = new ApplicationSecrets(b.clientConfig);
        this.readiness = new ApplicationReadiness(session.yarn(), b.requestTimeout, b.console, b.pollInterval,
                secrets::read);
        this.submission = new ApplicationSubmission(session, readiness, secrets, new ApplicationSubmission.Settings(
                Optional.ofNullable(b.libDir), Optional.ofNullable(b.log4jConfig), b.amMainClass,
                Optional.ofNullable(b.containerJavaHome), b.readyTimeout, b.preflightTimeout, b.console));
        this.startupFollower = new StartupFollower(readiness, b.pollInterval, b.console);
        this.readyTimeout = b.readyTimeout;
        this.stopTimeout = b.stopTimeout;
        this.console = b.console;
    }

    /** A builder for a deployer on the cluster of {@code hadoopConf} (which is copied). */
    public static Builder builder(org.apache.hadoop.conf.Configuration hadoopConf) {
        return new Builder(hadoopConf);
    }

    /**
     * Starts a session cluster and waits until its JobManager has a leader.
     *
     * @param config the effective configuration (with {@code -D} values), staged as {@code conf/config.yaml}
     * @throws IllegalConfigurationException if the configuration or a file is wrong; nothing was created
     * @throws ClusterDeploymentException if YARN, the file system or the cluster fails; whatever was
     *     created is removed again
     * @throws InterruptedException if interrupted; whatever was created is removed again
     */
    public ClusterHandle deploySession(Configuration config) throws ClusterDeploymentException, InterruptedException {
        return session.asUser(() -> submission.deploy(config, Optional.empty()));
    }

    /**
     * Starts a per-job cluster for {@code job} and waits until its JobManager has a leader. As
     * {@link #deploySession}, plus the user jar and {@code job.properties} are staged.
     */
    public ClusterHandle deployPerJob(Configuration config, JobDescription job)
            throws ClusterDeploymentException, InterruptedException {
        return session.asUser(() -> submission.deploy(config, Optional.of(job)));
    }

    /**
     * Finds the REST endpoint of a running cluster from its application report; if the application
     * is not running yet, waits (bounded by the ready timeout) until its JobManager has a leader.
     *
     * @throws ClusterDeploymentException if the application is unknown, has ended, or is not ready in time
     * @throws InterruptedException if interrupted while waiting
     */
    public ClusterHandle attach(ApplicationId appId) throws ClusterDeploymentException, InterruptedException {
        ApplicationReport report = readiness.report(appId);
        YarnApplicationState state = report.getYarnApplicationState();
        if (ApplicationReadiness.TERMINAL_STATES.contains(state)) {
            throw new ClusterDeploymentException("Application " + appId + " is not running: it is " + state + " ("
                    + report.getFinalApplicationStatus() + ")");
        }
        String restUrl = TrackingUrls.restUrlOf(report.getOriginalTrackingUrl());
        if (state != YarnApplicationState.RUNNING || restUrl.isEmpty()) {
            restUrl = readiness.awaitReady(appId, readyTimeout);
        }
        LOG.info("Attached to {} at {}", appId, restUrl);
        return new ClusterHandle(appId, restUrl);
    }

    /**
     * Follows the start of a cluster this client deployed past the leader: reads the JobManager's
     * {@code /v1/cluster/startup} every poll interval, printing each new step, until its tasks run
     * ({@link StartupTimeline#TASKS_RUNNING}), the timeout passes or the JobManager stops answering
     * (the cluster ended).
     *
     * @return the report with every step seen
     * @throws InterruptedException if interrupted while waiting
     */
    public StartupReport followStartup(ClusterHandle handle, Duration timeout) throws InterruptedException {
        return startupFollower.follow(handle, timeout);
    }

    /**
     * Stops a cluster: asks its JobManager to shut down ({@code POST /v1/cluster/shutdown}) and waits,
     * bounded by the stop timeout, for the application to end; if it cannot be asked or does not end
     * in time, kills the application (then deletes its staging directory, which the
     * ApplicationMaster had no chance to delete). An application that has already ended is left alone.
     *
     * @return the application's final state
     * @throws ClusterDeploymentException if YARN cannot be asked, or the application does not end
     *     even after the kill
     * @throws InterruptedException if interrupted while waiting
     */
    public YarnApplicationState stop(ApplicationId appId) throws ClusterDeploymentException, InterruptedException {
        YarnApplicationState end = new ApplicationShutdown(session.yarn(), session.fileSystem(), readiness,
                stopTimeout, console).stop(appId);
        secrets.file(appId).delete();
        return end;
    }

    /** The submitting user's secret file of {@code appId} (it may not exist). */
    public ApplicationSecretFile secretFile(ApplicationId appId) {
        return secrets.file(appId);
    }

    /** The YARN client this deployer uses (started, bounded connect retries); do not stop it. */
    public YarnClient yarnClient() {
        return session.yarn();
    }

    /** The application's current report. */
    public ApplicationReport report(ApplicationId appId) throws ClusterDeploymentException {
        return readiness.report(appId);
    }

    /**
     * Waits, bounded, until the application has ended.
     *
     * @return its final report, or empty if {@code timeout} passed first
     */
    public Optional<ApplicationReport> awaitTermination(ApplicationId appId, Duration timeout)
            throws ClusterDeploymentException, InterruptedException {
        return Optional.ofNullable(readiness.awaitTerminal(appId, timeout));
    }

    /** Stops the YARN client and closes the file system; never throws. */
    @Override
    public void close() {
        session.close();
    }

    /**
     * Settings of a {@link YarnClusterDeployer}. Not thread-safe.
     */
    public static final class Builder {
        private final org.apache.hadoop.conf.Configuration hadoopConf;
        private Path libDir;
        private Path log4jConfig;
        private String amMainClass = AmLaunchContract.AM_MAIN_CLASS;
        private String containerJavaHome;
        private Duration readyTimeout = Duration.ofMinutes(3);
        private Duration stopTimeout = Duration.ofSeconds(60);
        private Duration rmConnectTimeout = Duration.ofSeconds(15);
        private Duration preflightTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration pollInterval = Duration.ofMillis(250);
        private Consumer<String> console = System.out::println;
        private Configuration clientConfig = Configuration.empty();

        private Builder(org.apache.hadoop.conf.Configuration hadoopConf) {
            this.hadoopConf = Objects.requireNonNull(hadoopConf, "hadoopConf");
        }

        /**
         * The client's configuration: {@code yarn.properties-file.location} says where the
         * {@link ApplicationSecretFile}s are kept. Default: empty (the system's temporary directory).
         */
        public Builder clientConfiguration(Configuration config) {
            this.clientConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Spindle's {@code lib/} directory, whose files are uploaded (unless provided lib dirs or a node classpath are configured). */
        public Builder libDir(Path dir) {
            this.libDir = dir;
            return this;
        }

        /** The containers' Log4j2 configuration (usually {@code conf/log4j2.xml}); a built-in one when unset or missing. */
        public Builder log4jConfig(Path file) {
            this.log4jConfig = file;
            return this;
        }

        /** For tests: the AM's main class; default {@link AmLaunchContract#AM_MAIN_CLASS}. */
        public Builder amMainClass(String mainClass) {
            this.amMainClass = Objects.requireNonNull(mainClass);
            return this;
        }

        /**
         * {@code JAVA_HOME} of the containers (a path on every node). Default: none, the
         * NodeManagers' own {@code JAVA_HOME} applies, as for any YARN application.
         */
        public Builder containerJavaHome(String javaHome) {
            this.containerJavaHome = Objects.requireNonNull(javaHome);
            return this;
        }

        /** How long to wait for the JobManager leader after submitting; default 3 minutes. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = positive(timeout);
            return this;
        }

        /** How long to wait for the application to end after a shutdown request or a kill; default 60 s. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout);
            return this;
        }

        /** How long to keep trying to reach the ResourceManager; default 15 s, at least 1 s. */
        public Builder rmConnectTimeout(Duration timeout) {
            this.rmConnectTimeout = positive(timeout);
            return this;
        }

        /** How long the preflight may wait for ZooKeeper, and for the storageDir's file system; default 10 s each. */
        public Builder preflightTimeout(Duration timeout) {
            this.preflightTimeout = positive(timeout);
            return this;
        }

        /** Bound of each REST request; default 10 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout);
            return this;
        }

        /** How often YARN and the REST endpoint are polled while waiting; default 250 ms. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval);
            return this;
        }

        /** Receives progress lines and the summary; default {@code System.out}. */
        public Builder console(Consumer<String> console) {
            this.console = Objects.requireNonNull(console);
            return this;
        }

        /**
         * The deployer, with a started YARN client (which does not connect yet).
         *
         * @throws ClusterDeploymentException if the default file system cannot be opened
         */
        public YarnClusterDeployer build() throws ClusterDeploymentException {
            return new YarnClusterDeployer(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive: " + d);
            }
            return d;
        }
    }

}
