package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.YarnOptions;
import io.spindle.runtime.rest.RestClientException;
import io.spindle.yarn.common.AmLaunchContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
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
 * they pass); the request of an application id and the container-size check; the upload of
 * {@code lib/} (unless {@code yarn.provided.lib.dirs} or {@code yarn.container.node-classpath} is set),
 * {@code conf/config.yaml} (the effective configuration), {@code conf/log4j2.xml} and, per job,
 * {@code usrlib/job.jar} and {@code job.properties} into the {@link StagingDirectory}; the
 * submission with the {@link ClusterSpecification}; and the bounded wait for the JobManager leader
 * ({@link ApplicationReadiness}). If anything fails after the application id was requested, the
 * application is killed (if submitted) and the staging directory deleted before the error is
 * thrown. Progress lines and the final summary go to the console consumer.
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
    private static final String DEFAULT_LOG4J_RESOURCE = "default-log4j2.xml";

    private final org.apache.hadoop.conf.Configuration hadoopConf;
    private final ResourceManagerConnection rm;
    private final Optional<Path> libDir;
    private final Optional<Path> log4jConfig;
    private final String amMainClass;
    private final String containerJavaHome;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private final Consumer<String> console;
    private final YarnClient yarn;
    private final FileSystem fs;
    private final ApplicationReadiness readiness;

    private YarnClusterDeployer(Builder b) throws ClusterDeploymentException {
        this.rm = new ResourceManagerConnection(b.hadoopConf, b.rmConnectTimeout);
        this.hadoopConf = rm.configuration();
        this.libDir = Optional.ofNullable(b.libDir);
        this.log4jConfig = Optional.ofNullable(b.log4jConfig);
        this.amMainClass = b.amMainClass;
        this.containerJavaHome = b.containerJavaHome;
        this.readyTimeout = b.readyTimeout;
        this.stopTimeout = b.stopTimeout;
        this.console = b.console;
        try {
            this.fs = FileSystem.newInstance(hadoopConf);
        } catch (IOException e) {
            throw new ClusterDeploymentException("Cannot open the cluster's file system "
                    + hadoopConf.get(FileSystem.FS_DEFAULT_NAME_KEY) + " (" + FileSystem.FS_DEFAULT_NAME_KEY + "): "
                    + ResourceManagerConnection.rootCause(e), e);
        }
        this.yarn = rm.startClient();
        this.readiness = new ApplicationReadiness(yarn, b.requestTimeout, console, b.pollInterval);
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
        String mode = job.isPresent() ? AmLaunchContract.MODE_PER_JOB : AmLaunchContract.MODE_SESSION;
        ClusterSpecification spec = ClusterSpecification.fromConfiguration(config,
                job.map(j -> "Spindle: " + j.name()).orElse("Spindle session"));
        List<String> providedLibDirs = config.getOptional(YarnOptions.PROVIDED_LIB_DIRS).orElse(List.of()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> nodeClasspath = config.getOptional(YarnOptions.CONTAINER_NODE_CLASSPATH).orElse(List.of());
        Optional<Path> libToUpload = providedLibDirs.isEmpty() && nodeClasspath.isEmpty()
                ? Optional.of(libDir.orElseThrow(() -> new IllegalConfigurationException(
                        "No lib directory to upload: run from a built distribution, or set '"
                                + YarnOptions.PROVIDED_LIB_DIRS.key() + "' or '"
                                + YarnOptions.CONTAINER_NODE_CLASSPATH.key() + "'")))
                : Optional.empty();

        ClusterPreflight preflight = new ClusterPreflight(config, spec);
        preflight.checkLocal(job, libToUpload);
        preflight.checkCluster(yarn, rm, fs);

        YarnClientApplication app;
        try {
            app = yarn.createApplication();
        } catch (YarnException | IOException e) {
            throw new ClusterDeploymentException("YARN did not create an application: "
                    + ResourceManagerConnection.rootCause(e), e);
        }
        preflight.checkContainerSizes(app.getNewApplicationResponse().getMaximumResourceCapability());
        ApplicationId appId = app.getNewApplicationResponse().getApplicationId();
        StagingDirectory staging = StagingDirectory.of(fs, appId);
        boolean submitted = false;
        try {
            console.accept("Staging files for " + appId + " in " + staging.path());
            stageFiles(staging, config, job, libToUpload, appId);
            List<StagedFile> resources = new ArrayList<>(staging.stagedFiles());
            List<String> qualifiedLibDirs = new ArrayList<>();
            for (String dir : providedLibDirs) {
                qualifiedLibDirs.add(addProvidedLibs(dir, resources));
            }
            ContainerLaunchContext clc = launchContext(spec, mode, staging, resources, qualifiedLibDirs, nodeClasspath);
            ApplicationSubmissionContext ctx = app.getApplicationSubmissionContext();
            fill(ctx, spec, clc);
            console.accept("Submitting " + appId + " (" + spec.name() + ") to queue '" + spec.queue() + "'");
            yarn.submitApplication(ctx);
            submitted = true;
            String restUrl = readiness.awaitReady(appId, readyTimeout);
            ClusterHandle handle = new ClusterHandle(appId, restUrl);
            printSummary(handle, job.isPresent());
            return handle;
        } catch (InterruptedException e) {
            cleanUp(appId, submitted, staging);
            throw e;
        } catch (ClusterDeploymentException | IllegalConfigurationException e) {
            cleanUp(appId, submitted, staging);
            throw e;
        } catch (IOException | YarnException | RuntimeException e) {
            cleanUp(appId, submitted, staging);
            throw new ClusterDeploymentException("Deployment of " + appId + " failed: "
                    + ResourceManagerConnection.rootCause(e), e);
        }
    }

    private void stageFiles(StagingDirectory staging, Configuration config, Optional<JobDescription> job,
            Optional<Path> libToUpload, ApplicationId appId) throws IOException {
        if (libToUpload.isPresent()) {
            List<Path> jars;
            try (Stream<Path> files = Files.list(libToUpload.get())) {
                jars = files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path jar : jars) {
                staging.upload(jar, AmLaunchContract.LIB_DIR + "/" + jar.getFileName());
            }
            LOG.info("Uploaded {} files of {}", jars.size(), libToUpload.get());
        }
        staging.write(AmLaunchContract.CONFIG_FILE, FlatYamlWriter.write(config,
                "Effective configuration of " + appId + ", written by the Spindle YARN client."));
        staging.write(AmLaunchContract.LOG4J_FILE, log4jBytes());
        if (job.isPresent()) {
            staging.upload(job.get().userJar(), AmLaunchContract.USER_JAR);
            staging.write(AmLaunchContract.JOB_PROPERTIES, job.get().stagedJob().encode());
        }
    }

    private byte[] log4jBytes() throws IOException {
        if (log4jConfig.isPresent() && Files.isRegularFile(log4jConfig.get())) {
            return Files.readAllBytes(log4jConfig.get());
        }
        log4jConfig.ifPresent(p -> LOG.warn("No Log4j2 configuration at {}: containers use the built-in one", p));
        try (InputStream in = YarnClusterDeployer.class.getResourceAsStream(DEFAULT_LOG4J_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + DEFAULT_LOG4J_RESOURCE + " missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** Adds the files of one provided lib dir as {@code lib/<name>}; returns the qualified dir. */
    private String addProvidedLibs(String dir, List<StagedFile> resources) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        FileSystem dirFs = path.getFileSystem(hadoopConf);
        org.apache.hadoop.fs.Path qualified = dirFs.makeQualified(path);
        FileStatus[] statuses = dirFs.listStatus(qualified);
        Arrays.sort(statuses, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus status : statuses) {
            if (status.isFile()) {
                resources.add(new StagedFile(AmLaunchContract.LIB_DIR + "/" + status.getPath().getName(),
                        status.getPath(), status.getLen(), status.getModificationTime()));
            }
        }
        return qualified.toString();
    }

    private ContainerLaunchContext launchContext(ClusterSpecification spec, String mode, StagingDirectory staging,
            List<StagedFile> resources, List<String> providedLibDirs, List<String> nodeClasspath) throws IOException {
        AmLaunchContextBuilder builder = new AmLaunchContextBuilder();
        if (containerJavaHome != null) {
            builder.javaHome(containerJavaHome);
        }
        builder
                .files(resources)
                .mainClass(amMainClass)
                .processSize(spec.jobManagerMemory())
                .nodeClasspath(nodeClasspath)
                .hadoopConf(hadoopConf)
                .env(AmLaunchContract.ENV_STAGING_DIR, staging.path().toString())
                .env(AmLaunchContract.ENV_CLUSTER_MODE, mode)
                .env(AmLaunchContract.ENV_SUBMITTER, UserGroupInformation.getCurrentUser().getShortUserName());
        if (!providedLibDirs.isEmpty()) {
            builder.env(AmLaunchContract.ENV_PROVIDED_LIB_DIRS, String.join(",", providedLibDirs));
        }
        return builder.build();
    }

    private static void fill(ApplicationSubmissionContext ctx, ClusterSpecification spec, ContainerLaunchContext clc) {
        ctx.setApplicationName(spec.name());
        ctx.setApplicationType(spec.applicationType());
        ctx.setQueue(spec.queue());
        if (spec.priority() >= 0) {
            ctx.setPriority(Priority.newInstance(spec.priority()));
        }
        if (!spec.tags().isEmpty()) {
            ctx.setApplicationTags(new HashSet<>(spec.tags()));
        }
        spec.nodeLabel().ifPresent(ctx::setNodeLabelExpression);
        ctx.setMaxAppAttempts(spec.applicationAttempts());
        ctx.setAttemptFailuresValidityInterval(spec.attemptFailuresValidityInterval().toMillis());
        ctx.setKeepContainersAcrossApplicationAttempts(spec.keepContainersAcrossAttempts());
        ctx.setResource(Resource.newInstance(spec.jobManagerMemory().mebiBytes(), 1));
        ctx.setAMContainerSpec(clc);
    }

    private void printSummary(ClusterHandle handle, boolean perJob) {
        String id = handle.applicationId().toString();
        console.accept((perJob ? "Spindle per-job cluster " : "Spindle session ") + id + " is ready.");
        console.accept("Web interface: " + handle.restUrl());
        console.accept("Stop it with: yarn application -kill " + id + "  or  echo stop | yarn-session.sh -id " + id);
    }

    /** Kills the application if it was submitted and deletes the staging directory; never throws. */
    private void cleanUp(ApplicationId appId, boolean submitted, StagingDirectory staging) {
        if (submitted) {
            try {
                yarn.killApplication(appId);
                LOG.info("Killed {} after its deployment failed", appId);
            } catch (YarnException | IOException | RuntimeException e) {
                LOG.warn("Could not kill {} after its deployment failed: {}", appId, e.toString());
            }
        }
        staging.delete();
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
        ApplicationReport report = readiness.report(appId);
        if (ApplicationReadiness.TERMINAL_STATES.contains(report.getYarnApplicationState())) {
            console.accept("Application " + appId + " has already ended: " + report.getYarnApplicationState());
            return report.getYarnApplicationState();
        }
        String restUrl = report.getYarnApplicationState() == YarnApplicationState.RUNNING
                ? TrackingUrls.restUrlOf(report.getOriginalTrackingUrl()) : "";
        if (!restUrl.isEmpty()) {
            try {
                readiness.client(restUrl).shutDownCluster();
                console.accept("Asked the cluster " + appId + " at " + restUrl + " to shut down");
                ApplicationReport end = readiness.awaitTerminal(appId, stopTimeout);
                if (end != null) {
                    console.accept("Application " + appId + " ended: " + end.getYarnApplicationState() + " ("
                            + end.getFinalApplicationStatus() + ")");
                    return end.getYarnApplicationState();
                }
                console.accept("Application " + appId + " did not end within " + ClusterPreflight.seconds(stopTimeout)
                        + ": killing it");
            } catch (RestClientException e) {
                console.accept("Cannot ask the cluster " + appId + " at " + restUrl + " to shut down ("
                        + e.getMessage() + "): killing it");
            } catch (IOException e) {
                console.accept("Cannot ask the cluster " + appId + " at " + restUrl + " to shut down ("
                        + ResourceManagerConnection.rootCause(e) + "): killing it");
            }
        } else {
            console.accept("Application " + appId + " has no REST endpoint yet: killing it");
        }
        try {
            yarn.killApplication(appId);
        } catch (YarnException | IOException e) {
            throw new ClusterDeploymentException("Cannot kill application " + appId + ": "
                    + ResourceManagerConnection.rootCause(e), e);
        }
        ApplicationReport end = readiness.awaitTerminal(appId, stopTimeout);
        if (end == null) {
            throw new ClusterDeploymentException("Application " + appId + " did not end within "
                    + ClusterPreflight.seconds(stopTimeout) + " after it was killed");
        }
        StagingDirectory.delete(fs, StagingDirectory.pathOf(fs, appId.toString()));
        console.accept("Application " + appId + " ended: " + end.getYarnApplicationState());
        return end.getYarnApplicationState();
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
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration pollInterval = Duration.ofMillis(250);
        private Consumer<String> console = System.out::println;

        private Builder(org.apache.hadoop.conf.Configuration hadoopConf) {
            this.hadoopConf = Objects.requireNonNull(hadoopConf, "hadoopConf");
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
