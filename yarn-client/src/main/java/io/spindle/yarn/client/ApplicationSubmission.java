package io.spindle.yarn.client;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.YarnOptions;
import io.spindle.security.ClusterSecret;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.yarn.common.AmLaunchContract;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment step of {@link YarnClusterDeployer}: one submission of a session or per-job
 * cluster, from the {@link ClusterPreflight} checks to the JobManager leader. In order: the checks
 * (nothing is created before they pass); the request of an application id and the container-size
 * check; a new {@link ClusterSecret} into the {@link ApplicationSecretFile}; the staging
 * ({@link ApplicationStaging}, plus a shipped keytab); the AM's launch context with its
 * credentials ({@link AmLaunchCredentials}); the submission; and the bounded wait for the leader
 * ({@link ApplicationReadiness}). If anything fails after the application id was requested, or the
 * JVM shuts down meanwhile, the {@link DeploymentRollback} undoes it before the error is thrown.
 *
 * <p>Must run as the session's user ({@link HadoopUserSession#asUser}). Thread-safe: each call keeps
 * its state on its own stack.
 */
final class ApplicationSubmission {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSubmission.class);

    /** What a deployer sets for every submission. */
    record Settings(Optional<Path> libDir, Optional<Path> log4jConfig, String amMainClass,
            Optional<String> containerJavaHome, Duration readyTimeout, Duration preflightTimeout,
            Consumer<String> console) {
        Settings {
            Objects.requireNonNull(libDir);
            Objects.requireNonNull(log4jConfig);
            Objects.requireNonNull(amMainClass);
            Objects.requireNonNull(containerJavaHome);
            Objects.requireNonNull(readyTimeout);
            Objects.requireNonNull(preflightTimeout);
            Objects.requireNonNull(console);
        }
    }

    private final HadoopUserSession session;
    private final ApplicationReadiness readiness;
    private final ApplicationSecrets secrets;
    private final Settings settings;

    ApplicationSubmission(HadoopUserSession session, ApplicationReadiness readiness, ApplicationSecrets secrets,
            Settings settings) {
        this.session = Objects.requireNonNull(session);
        this.readiness = Objects.requireNonNull(readiness);
        this.secrets = Objects.requireNonNull(secrets);
        this.settings = Objects.requireNonNull(settings);
    }

    /**
     * Deploys a cluster (per job if {@code job} is present) and waits until its JobManager has a leader.
     *
     * @throws IllegalConfigurationException if the configuration or a file is wrong; nothing was created
     * @throws ClusterDeploymentException if YARN, the file system or the cluster fails; whatever was
     *     created is removed again
     * @throws InterruptedException if interrupted; whatever was created is removed again
     */
    ClusterHandle deploy(Configuration config, Optional<JobDescription> job)
            throws ClusterDeploymentException, InterruptedException {
        YarnClient yarn = session.yarn();
        String mode = job.isPresent() ? AmLaunchContract.MODE_PER_JOB : AmLaunchContract.MODE_SESSION;
        ClusterSpecification spec = ClusterSpecification.fromConfiguration(config,
                job.map(j -> "Spindle: " + j.name()).orElse("Spindle session"));
        ApplicationStaging staging = ApplicationStaging.plan(session.hadoopConf(), config, job, settings.libDir(),
                settings.log4jConfig());

        ClusterPreflight preflight = new ClusterPreflight(config, spec, settings.preflightTimeout());
        preflight.checkLocal(job, staging.libToUpload());
        preflight.checkCluster(yarn, session.resourceManager(), session.fileSystem());

        Consumer<String> console = settings.console();
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
        StagingDirectory stagingDir = StagingDirectory.of(session.fileSystem(), appId);
        ApplicationSecretFile secretFile = secrets.file(appId);
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
            clc.setTokens(ClusterSecretCredentials.serialize(AmLaunchCredentials.build(secret, session.secure(),
                    session.kerberos().keytab().isPresent(), config, session.hadoopConf(), yarn, console)));
            ApplicationSubmissionContext ctx = app.getApplicationSubmissionContext();
            spec.applyTo(ctx, clc);
            console.accept("Submitting " + appId + " (" + spec.name() + ") to queue '" + spec.queue() + "'");
            rollback.submit(() -> yarn.submitApplication(ctx));
            progress.record(StartupProgress.SUBMITTED);
            String restUrl = readiness.awaitReady(appId, settings.readyTimeout(), progress);
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
        Optional<Path> local = session.kerberos().keytab();
        if (!session.secure() || local.isEmpty() || !config.get(YarnOptions.SHIP_LOCAL_KEYTAB)) {
            return Optional.empty();
        }
        StagedFile keytab = stagingDir.upload(local.get(), AmLaunchContract.KEYTAB_FILE);
        LOG.info("Shipped the keytab {} to the ApplicationMaster as {}", local.get(), keytab.path());
        return Optional.of(keytab);
    }

    private ContainerLaunchContext launchContext(ClusterSpecification spec, String mode, StagingDirectory staging,
            ApplicationStaging.Staged staged, List<StagedFile> resources, List<String> nodeClasspath)
            throws IOException {
        AmLaunchContextBuilder builder = new AmLaunchContextBuilder();
        settings.containerJavaHome().ifPresent(builder::javaHome);
        builder
                .files(resources)
                .mainClass(settings.amMainClass())
                .processSize(spec.jobManagerMemory())
                .logging(spec.logging())
                .jvmOptions(spec.jvmOptions())
                .nodeClasspath(nodeClasspath)
                .hadoopConf(session.hadoopConf())
                .env(AmLaunchContract.ENV_STAGING_DIR, staging.path().toString())
                .env(AmLaunchContract.ENV_CLUSTER_MODE, mode)
                .env(AmLaunchContract.ENV_SUBMITTER, session.user().getShortUserName());
        if (!staged.providedLibDirs().isEmpty()) {
            builder.env(AmLaunchContract.ENV_PROVIDED_LIB_DIRS, String.join(",", staged.providedLibDirs()));
        }
        return builder.build();
    }

    private void printSummary(ClusterHandle handle, boolean perJob) {
        String id = handle.applicationId().toString();
        Consumer<String> console = settings.console();
        console.accept((perJob ? "Spindle per-job cluster " : "Spindle session ") + id + " is ready.");
        console.accept("Web interface: " + handle.restUrl());
        console.accept("Stop it with: yarn application -kill " + id + "  or  echo stop | yarn-session.sh -id " + id);
    }
}
