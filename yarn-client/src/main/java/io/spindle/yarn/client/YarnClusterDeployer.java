package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.YarnOptions;
import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.runtime.rest.RestClientException;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.yarn.common.AmLaunchContract;
import io.spindle.yarn.common.security.KerberosLogin;
import io.spindle.yarn.common.security.KerberosLoginException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys Spindle clusters (a session, or a per-job cluster) on YARN, attaches to running ones and
 * stops them.
 *
 * <p>A deployment runs, in order: the {@link ClusterPreflight} checks (nothing is created before
 * they pass); the request of an application id and the container-size check; the staging of
 * {@code lib/}, the configuration and, per job, the user jar into the {@link StagingDirectory}
 * ({@link ApplicationStaging}); the submission with the {@link ClusterSpecification}; and the bounded wait for the JobManager leader
 * ({@link ApplicationReadiness}). If anything fails after the application id was requested, the
 * application is killed (if submitted) and the staging directory deleted before the error is
 * thrown; the same happens when the JVM shuts down meanwhile, e.g. on Ctrl-C
 * ({@link DeploymentRollback}). Progress lines and the final summary go to the console consumer.
 *
 * <p>Every application gets a new {@link ClusterSecret}: it goes into the AM's launch context as
 * YARN credentials ({@link ClusterSecretCredentials}) and into the submitting user's
 * {@link ApplicationSecretFile} (located by {@link Builder#clientConfiguration}), from which this
 * deployer and the CLI take the credential of their REST calls; {@link #stop} removes that file.
 *
 * <p>On a Hadoop cluster with Kerberos, the deployer logs in when it is built
 * ({@link KerberosLogin}: {@code security.kerberos.login.keytab} and {@code .principal} of the
 * {@link Builder#clientConfiguration}, else the ticket cache) and does everything as that user; the
 * AM's launch context then also carries delegation tokens ({@link AmLaunchCredentials}) and, with a
 * keytab, the keytab itself ({@code yarn.security.kerberos.ship-local-keytab}). A bad keytab or
 * principal fails the build, before anything is created.
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

    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final ResourceManagerConnection rm;
    private final Optional<Path> libDir;
    private final Optional<Path> log4jConfig;
    private final String amMainClass;
    private final String containerJavaHome;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private final Duration preflightTimeout;
    private final Consumer<String> console;
    private final YarnClient yarn;
    private final FileSystem fs;
    private final ApplicationReadiness readiness;
    private final Duration pollInterval;
    private final Configuration clientConfig;
    private final KerberosLogin kerberos;
    private final boolean secure;
    private final UserGroupInformation user;

    private YarnClusterDeployer(Builder b) throws ClusterDeploymentException {
        this.rm = new ResourceManagerConnection(b.hadoopConf, b.rmConnectTimeout);
        this.hadoopConf = rm.configuration();
        this.kerberos = KerberosLogin.of(b.clientConfig);
        try {
            this.user = kerberos.login(hadoopConf);
            this.secure = KerberosLogin.securityEnabled(hadoopConf);
        } catch (KerberosLoginException e) {
            throw new ClusterDeploymentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot determine the current user: " + e.getMessage(), e);
        }
        this.libDir = Optional.ofNullable(b.libDir);
        this.log4jConfig = Optional.ofNullable(b.log4jConfig);
        this.amMainClass = b.amMainClass;
        this.containerJavaHome = b.containerJavaHome;
        this.readyTimeout = b.readyTimeout;
        this.stopTimeout = b.stopTimeout;
        this.preflightTimeout = b.preflightTimeout;
        this.console = b.console;
        this.clientConfig = b.clientConfig;
        try {
            this.fs = KerberosLogin.doAs(user, () -> FileSystem.newInstance(hadoopConf));
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot open the cluster's file system "
                    + hadoopConf.get(FileSystem.FS_DEFAULT_NAME_KEY) + " (" + FileSystem.FS_DEFAULT_NAME_KEY + "): "
                    + ResourceManagerConnection.rootCause(e), e);
        }
        this.yarn = KerberosLogin.doAs(user, rm::startClient);
        this.readiness = new ApplicationReadiness(yarn, b.requestTimeout, console, b.pollInterval, this::secretOf);
        this.pollInterval = b.pollInterval;
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
        return deploy(config, Optional.empty());
    }

    /**
     * Starts a per-job cluster for {@code job} and waits until its JobManager has a leader. As
     * {@link #deploySession}, plus the user jar and {@code job.properties} are staged.
     */
    public ClusterHandle deployPerJob(Configuration config, JobDescription job)
            throws ClusterDeploymentException, InterruptedException {
        return deploy(config, Optional.of(job));
    }

    private ClusterHandle deploy(Configuration config, Optional<JobDescription> job)
            throws ClusterDeploymentException, InterruptedException {
        return asUser(() -> deployAsUser(config, job));
    }

    private ClusterHandle deployAsUser(Configuration config, Optional<JobDescription> job)
            throws ClusterDeploymentException, InterruptedException {
        String mode = job.isPresent() ? AmLaunchContract.MODE_PER_JOB : AmLaunchContract.MODE_SESSION;
        ClusterSpecification spec = ClusterSpecification.fromConfiguration(config,
                job.map(j -> "Spindle: " + j.name()).orElse("Spindle session"));
        ApplicationStaging staging = ApplicationStaging.plan(hadoopConf, config, job, libDir, log4jConfig);

        ClusterPreflight preflight = new ClusterPreflight(config, spec, preflightTimeout);
        preflight.checkLocal(job, staging.libToUpload());
        preflight.checkCluster(yarn, rm, fs);

        StartupProgress progress = new StartupProgress(Instant.now(), console);
        YarnClientApplication app;
        try {
            app = yarn.createApplication();
        } catch (YarnException | IOException e) {
            throw new ClusterDeploymentException("YARN did not create an application: "
                    + ResourceManagerConnection.rootCause(e), e);
        }
        preflight.checkContainerSizes(app.getNewApplicationResponse().getMaximumResourceCapability());
        ApplicationId appId = app.getNewApplicationResponse().getApplicationId();
        StagingDirectory stagingDir = StagingDirectory.of(fs, appId);
        ApplicationSecretFile secretFile = secretFile(appId);
        DeploymentRollback rollback = DeploymentRollback.arm(yarn, appId, stagingDir, secretFile::delete);
        try {
            ClusterSecret secret = ClusterSecret.generate();
            secretFile.write(secret);
            console.accept("Staging files for " + appId + " in " + stagingDir.path());
            ApplicationStaging.Staged staged = staging.stageInto(stagingDir, appId);
            progress.record(StartupProgress.STAGED);
            List<StagedFile> resources = new ArrayList<>(staged.resources());
            shippedKeytab(config, stagingDir).ifPresent(resources::add);
            ContainerLaunchContext clc = launchContext(spec, mode, stagingDir, staged, resources, staging.nodeClasspath());
            clc.setTokens(ClusterSecretCredentials.serialize(AmLaunchCredentials.build(secret, secure,
                    kerberos.keytab().isPresent(), config, hadoopConf, yarn, console)));
            ApplicationSubmissionContext ctx = app.getApplicationSubmissionContext();
            spec.applyTo(ctx, clc);
            console.accept("Submitting " + appId + " (" + spec.name() + ") to queue '" + spec.queue() + "'");
            rollback.submit(() -> yarn.submitApplication(ctx));
            progress.record(StartupProgress.SUBMITTED);
            String restUrl = readiness.awaitReady(appId, readyTimeout, progress);
            rollback.disarm();
            ClusterHandle handle = new ClusterHandle(appId, restUrl,
                    progress.report(staged.libFilesUploaded(), staged.libBytesUploaded()));
            printSummary(handle, job.isPresent());
            return handle;
        } catch (InterruptedException e) {
            rollback.rollBack();
            throw e;
        } catch (ClusterDeploymentException | IllegalConfigurationException e) {
            rollback.rollBack();
            throw e;
        } catch (IOException | YarnException | RuntimeException e) {
            rollback.rollBack();
            throw new ClusterDeploymentException("Deployment of " + appId + " failed: "
                    + ResourceManagerConnection.rootCause(e), e);
        }
    }

    /**
     * With Kerberos and a keytab that is to be shipped: the keytab, uploaded to the staging dir's
     * {@link AmLaunchContract#KEYTAB_FILE} (0600 in a 0700 folder), as an APPLICATION resource of the
     * AM alone (YARN deletes its copy when the application ends).
     */
    private Optional<StagedFile> shippedKeytab(Configuration config, StagingDirectory stagingDir) throws IOException {
        if (!secure || kerberos.keytab().isEmpty() || !config.get(YarnOptions.SHIP_LOCAL_KEYTAB)) {
            return Optional.empty();
        }
        StagedFile keytab = stagingDir.upload(kerberos.keytab().get(), AmLaunchContract.KEYTAB_FILE);
        LOG.info("Shipped the keytab {} to the ApplicationMaster as {}", kerberos.keytab().get(), keytab.path());
        return Optional.of(keytab);
    }

    private ContainerLaunchContext launchContext(ClusterSpecification spec, String mode, StagingDirectory staging,
            ApplicationStaging.Staged staged, List<StagedFile> resources, List<String> nodeClasspath)
            throws IOException {
        AmLaunchContextBuilder builder = new AmLaunchContextBuilder();
        if (containerJavaHome != null) {
            builder.javaHome(containerJavaHome);
        }
        builder
                .files(resources)
                .mainClass(amMainClass)
                .processSize(spec.jobManagerMemory())
                .logging(spec.logging())
                .jvmOptions(spec.jvmOptions())
                .nodeClasspath(nodeClasspath)
                .hadoopConf(hadoopConf)
                .env(AmLaunchContract.ENV_STAGING_DIR, staging.path().toString())
                .env(AmLaunchContract.ENV_CLUSTER_MODE, mode)
                .env(AmLaunchContract.ENV_SUBMITTER, user.getShortUserName());
        if (!staged.providedLibDirs().isEmpty()) {
            builder.env(AmLaunchContract.ENV_PROVIDED_LIB_DIRS, String.join(",", staged.providedLibDirs()));
        }
        return builder.build();
    }

    private void printSummary(ClusterHandle handle, boolean perJob) {
        String id = handle.applicationId().toString();
        console.accept((perJob ? "Spindle per-job cluster " : "Spindle session ") + id + " is ready.");
        console.accept("Web interface: " + handle.restUrl());
        console.accept("Stop it with: yarn application -kill " + id + "  or  echo stop | yarn-session.sh -id " + id);
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
        StartupProgress progress = new StartupProgress(handle.startup(), console);
        RestClusterClient rest = readiness.client(handle.applicationId(), handle.restUrl());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!progress.has(StartupTimeline.TASKS_RUNNING) && System.nanoTime() < deadline) {
            try {
                progress.add(rest.startup());
            } catch (RestClientException e) {
                LOG.debug("No start steps from {}: {}", handle.restUrl(), e.getMessage());
                break;
            }
            if (!progress.has(StartupTimeline.TASKS_RUNNING)) {
                Thread.sleep(pollInterval.toMillis());
            }
        }
        return progress.report(handle.startup().libFilesUploaded(), handle.startup().libBytesUploaded());
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
        YarnApplicationState end = new ApplicationShutdown(yarn, fs, readiness, stopTimeout, console).stop(appId);
        secretFile(appId).delete();
        return end;
    }

    /** Runs {@code action} as the user this deployer logged in as (see {@link KerberosLogin}). */
    private <T> T asUser(UserAction<T> action) throws ClusterDeploymentException, InterruptedException {
        try {
            return user.doAs((java.security.PrivilegedExceptionAction<T>) action::run);
        } catch (ClusterDeploymentException e) {
            throw e;
        } catch (IOException e) {
            throw new ClusterDeploymentException(ResourceManagerConnection.rootCause(e), e);
        }
    }

    /** Work of a deployment, done as the deployer's user. */
    @FunctionalInterface
    private interface UserAction<T> {
        T run() throws ClusterDeploymentException, InterruptedException;
    }

    /** The submitting user's secret file of {@code appId} (it may not exist). */
    public ApplicationSecretFile secretFile(ApplicationId appId) {
        return ApplicationSecretFile.forApplication(clientConfig, appId);
    }

    /** The secret of {@code appId} from its secret file; empty (logged) if there is none or it cannot be read. */
    private Optional<ClusterSecret> secretOf(ApplicationId appId) {
        ApplicationSecretFile file = secretFile(appId);
        try {
            Optional<ClusterSecret> secret = file.read();
            if (secret.isEmpty()) {
                LOG.info("No secret file {} for {}: calls that change something will be refused", file, appId);
            }
            return secret;
        } catch (IOException e) {
            LOG.warn("Cannot read the secret of {}: {}", appId, e.getMessage());
            return Optional.empty();
        }
    }

    /** The YARN client this deployer uses (started, bounded connect retries); do not stop it. */
    public YarnClient yarnClient() {
        return yarn;
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
        try {
            yarn.stop();
        } catch (RuntimeException e) {
            LOG.debug("Stopping the YARN client failed", e);
        }
        try {
            fs.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing the file system failed", e);
        }
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
