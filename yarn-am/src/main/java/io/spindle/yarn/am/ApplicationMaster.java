package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.configuration.YarnOptions;
import io.spindle.ha.zookeeper.ClusterHaData;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.jobmanager.ClusterTermination;
import io.spindle.runtime.jobmanager.JobManager;
import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.security.ClusterSecretCredentials;
import io.spindle.yarn.common.security.DelegationTokens;
import io.spindle.yarn.common.security.TokenRefresher;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster: hosts the JobManager of one YARN application, attempt after attempt.
 *
 * <p>The HA cluster-id is the application id (the same for every attempt) unless the user set
 * one. Each attempt joins the JobManager election with its attempt id as participant id and
 * preempts earlier attempts the ResourceManager reports as finished, so a new attempt leads at once
 * instead of after the dead one's ZooKeeper session timeout. It joins as soon as its JobManager
 * exists, before the REST and RPC endpoints start and before it registers with the ResourceManager
 * (the endpoints' addresses are published when they listen): nothing that can wait is on the path
 * to leadership. It registers with the JobManager's REST URL as tracking URL and starts TaskExecutor
 * containers through {@link YarnResourceDriver}, which holds requests made before the registration
 * until then.
 *
 * <p>Before the JobManager starts, the staged configuration is validated; storageDir is checked
 * while it starts ({@link StorageDirCheck}, in parallel with its connecting to ZooKeeper). An error
 * there that no further attempt can fix ({@link StartupErrors}: a bad key or value, ZooKeeper
 * unreachable within the connection timeout, storageDir on an unknown host or refused; a storageDir
 * error wins over the error it caused in the JobManager's start) ends the application at once
 * ({@link AttemptOutcome.Fatal}): the AM registers, with no tracking URL, only to unregister FAILED
 * with a one-line diagnostic, which YARN shows and the client prints; YARN starts no further
 * attempt for an application whose AM unregistered. Registering only then keeps the normal path as
 * it is (one registration, with the tracking URL); if the ResourceManager cannot be reached for it,
 * nothing could end the application anyway, and the attempt fails.
 *
 * <p>When the cluster ends (the per-job job ended, or the session was shut down) it unregisters
 * with the matching final status and removes the staging dir, and the HA data unless the
 * application failed; after a failure the HA data is kept only if it holds something to recover
 * ({@link FailedClusterCleanup}). When the AM fails instead (an exception, a kill) it does not
 * unregister: YARN starts the next attempt, or, when attempts are used up, the application fails
 * with its HA data kept for {@code spindle ha inspect}.
 */
public final class ApplicationMaster {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMaster.class);

    private final AmEnvironment env;
    private final Path confDir;
    private final Path workDir;

    /**
     * @param env the container environment
     * @param confDir the staged configuration directory (read and validated by {@link #run})
     * @param workDir the container's working directory
     */
    public ApplicationMaster(AmEnvironment env, Path confDir, Path workDir) {
        this.env = env;
        this.confDir = confDir;
        this.workDir = workDir;
    }

    /**
     * Runs the AM until the cluster ends, or until this attempt gives up. Unregisters from the
     * ResourceManager exactly when the outcome is {@link AttemptOutcome.Finished} or
     * {@link AttemptOutcome.Fatal}.
     *
     * @return how the attempt ended
     * @throws Exception if the attempt fails otherwise (it did not unregister: YARN retries)
     */
    public AttemptOutcome run() throws Exception {
        String appId = env.attemptId().getApplicationId().toString();
        org.apache.hadoop.conf.Configuration hadoopConf = new YarnConfiguration();
        LOG.info("ApplicationMaster {} starting: {} cluster", env.attemptId(), env.perJob() ? "per-job" : "session");
        StartupTimeline timeline = StartupTimeline.ofThisJvm();
        // Before any Hadoop client is made: they keep the identity they were made with.
        AttemptLogin login = AttemptLogin.establish(confDir, hadoopConf, workDir);

        CompletableFuture<AttemptOutcome> yarnOutcome = new CompletableFuture<>();
        YarnClient yarn = YarnClient.createYarnClient();
        yarn.init(hadoopConf);
        yarn.start();
        YarnAttemptFinishedPredicate earlierAttempts = new YarnAttemptFinishedPredicate(yarn, env.attemptId());
        earlierAttempts.prefetchEarlierAttempts();
        AmCallbacks callbacks = new AmCallbacks(yarnOutcome);
        AMRMClientAsync<ContainerRequest> rm = AMRMClientAsync.createAMRMClientAsync(HeartbeatPacer.IDLE_MS, callbacks);
        rm.init(hadoopConf);
        rm.start();
        JobManagerProcess process = null;
        YarnResourceDriver driver = null;
        Configuration conf = null;
        JobManager.PerJob perJob = null;
        AutoCloseable tokenUpkeep = null;
        try {
            try {
                Configuration userConf = StagedConfiguration.load(confDir);
                conf = clusterConfiguration(userConf, appId);
                String clusterId = conf.get(HighAvailabilityOptions.CLUSTER_ID);
                LOG.info("Cluster-id {}", clusterId);
                Optional<String> refusal = guardClusterId(userConf, conf, yarn, clusterId);
                if (refusal.isPresent()) {
                    // The cluster-id is another application's: its HA data is not ours to remove.
                    return failFatally(rm, new AttemptOutcome.Fatal(refusal.get()), hadoopConf, null, false);
                }
                // In parallel with the JobManager's start (its ZooKeeper connection above all).
                CompletableFuture<Void> storageCheck = StorageDirCheck.start(conf, hadoopConf);
                Resource teResource = Resource.newInstance(conf.get(TaskManagerOptions.PROCESS_SIZE).mebiBytes(), 1);
                driver = new YarnResourceDriver(new AsyncYarnContainers(rm, callbacks.nodeManagerCallbacks(), hadoopConf),
                        teResource, conf.get(TaskManagerOptions.NUMBER_OF_TASK_SLOTS),
                        new ContainerFailureRate(conf.get(YarnOptions.MAX_FAILED_CONTAINERS),
                                conf.get(YarnOptions.CONTAINER_FAILURE_INTERVAL)),
                        new NodeExclusion(conf.get(YarnOptions.NODE_EXCLUSION_FAILURES),
                                conf.get(YarnOptions.NODE_EXCLUSION_EXPIRY),
                                hadoopConf.getBoolean(YarnConfiguration.RM_SCHEDULER_INCLUDE_PORT_IN_NODE_NAME,
                                        YarnConfiguration.DEFAULT_RM_SCHEDULER_USE_PORT_FOR_NODE_NAME)),
                        reason -> yarnOutcome.complete(AttemptOutcome.failed(reason)), timeline);
                callbacks.attach(driver);
                perJob = env.perJob() ? PerJobDescription.read(workDir, env.attemptId().getApplicationId())
                        : null;
                if (perJob != null) {
                    // The job's parallelism is known: its containers are asked for at registration.
                    driver.requireSlots(perJob.submission().parallelism());
                }
                // Joins the election before its endpoints start: this attempt may lead (and recover)
                // while they start and while it registers below.
                try {
                    process = JobManagerProcess.start(new JobManagerProcess.Settings(conf, hadoopConf,
                            env.attemptId().toString(), env.attemptId().toString(),
                            earlierAttempts, driver, env.nodeHost(),
                            conf.getOptional(JobManagerOptions.REST_PORT)
                                    .filter(p -> userConf.contains(JobManagerOptions.REST_PORT)).orElse(0),
                            perJob, workDir.resolve("spindle-work"), timeline,
                            RmWebProxy.of(hadoopConf, env.attemptId().getApplicationId()).orElse(null)));
                } finally {
                    // Its error, if any, wins: it explains the start's own failure better than that does.
                    StorageDirCheck.await(storageCheck);
                }
            } catch (Exception e) {
                Optional<AttemptOutcome.Fatal> fatal = StartupErrors.fatal(e, env.attemptId().getAttemptId());
                if (fatal.isEmpty()) {
                    throw e;
                }
                LOG.error("The application cannot start, and no further attempt would: {}", fatal.get().diagnostic(), e);
                if (process != null) {
                    // Started (and maybe leading) while storageDir was checked: out of the election
                    // before the HA data is removed, or it would write some again.
                    process.close();
                    process = null;
                }
                boolean ownClusterId = conf != null && conf.get(HighAvailabilityOptions.CLUSTER_ID).equals(appId);
                return failFatally(rm, fatal.get(), hadoopConf, ownClusterId ? conf : null,
                        !StartupErrors.zooKeeperUnavailable(e));
            }
            String clusterId = conf.get(HighAvailabilityOptions.CLUSTER_ID);
            String trackingUrl = "http://" + env.nodeHost() + ":" + process.restPort();
            RegisterApplicationMasterResponse registration =
                    rm.registerApplicationMaster(env.nodeHost(), process.restPort(), trackingUrl);
            timeline.record(StartupTimeline.AM_REGISTERED);
            LOG.info("Registered with the ResourceManager; tracking URL {}", trackingUrl);
            driver.registered(registration.getContainersFromPreviousAttempts(),
                    TaskExecutorLaunch.build(env, hadoopConf, clusterId, conf, AttemptLogin.currentCredentials()));
            tokenUpkeep = startTokenUpkeep(login, conf, hadoopConf, driver, process.jobManager());

            AttemptOutcome outcome = awaitOutcome(process, yarnOutcome);
            if (outcome instanceof AttemptOutcome.Finished finished) {
                process.close();
                process = null;
                finish(rm, finished, trackingUrl, hadoopConf);
                cleanUpHaData(conf, hadoopConf, clusterId, finished);
            }
            return outcome;
        } finally {
            if (tokenUpkeep != null) {
                tokenUpkeep.close();
            }
            if (process != null) {
                process.close();
            }
            if (driver != null) {
                driver.close();
            }
            rm.stop();
            yarn.stop();
        }
    }

    /**
     * On a Kerberized cluster: with a keytab, a {@link TokenRefresher} whose fresh tokens go to the
     * TaskExecutor containers started later and, through the JobManager, to the running TaskExecutors
     * (this attempt's fresh tokens go there at once too, for TaskExecutors of earlier attempts);
     * without, the {@link TokenExpiryWarning}. Null without Kerberos.
     */
    private static AutoCloseable startTokenUpkeep(AttemptLogin login, Configuration conf,
            org.apache.hadoop.conf.Configuration hadoopConf, YarnResourceDriver driver, JobManager jobManager)
            throws Exception {
        if (!login.secure()) {
            return null;
        }
        if (login.keytabLogin().isEmpty()) {
            return TokenExpiryWarning.start(AttemptLogin.currentCredentials(), Clock.systemUTC()).orElse(null);
        }
        Runnable passOn = () -> {
            try {
                Credentials current = AttemptLogin.currentCredentials();
                driver.updateContainerTokens(TaskExecutorLaunch.tokens(current));
                ByteBuffer tokensOnly = ClusterSecretCredentials.serialize(
                        DelegationTokens.tokensOnly(DelegationTokens.forContainers(current)));
                byte[] bytes = new byte[tokensOnly.remaining()];
                tokensOnly.duplicate().get(bytes);
                jobManager.updateDelegationTokens(bytes);
            } catch (java.io.IOException e) {
                LOG.warn("Could not pass the fresh delegation tokens on: {}", e.toString());
            }
        };
        passOn.run();
        return TokenRefresher.start(login.keytabLogin().get(), hadoopConf,
                DelegationTokens.storageFileSystems(conf, hadoopConf), AttemptLogin.currentCredentials(),
                fresh -> {
                    AttemptLogin.addFreshTokens(fresh);
                    passOn.run();
                }, Clock.systemUTC());
    }

    /** Waits for the cluster to end or for YARN to end the attempt or the application, whichever comes first. */
    private static AttemptOutcome awaitOutcome(JobManagerProcess process, CompletableFuture<AttemptOutcome> yarnOutcome) {
        Object first = CompletableFuture.anyOf(process.termination(), yarnOutcome).join();
        if (first instanceof ClusterTermination termination) {
            LOG.info("Cluster ended: {} ({})", termination.status(), termination.diagnostics());
            return AttemptOutcome.of(termination);
        }
        AttemptOutcome outcome = (AttemptOutcome) first;
        if (outcome instanceof AttemptOutcome.Finished finished) {
            LOG.error("Failing the application: {}", finished.diagnostics());
        }
        return outcome;
    }

    /** The user's configuration with the cluster-id of this application. */
    private static Configuration clusterConfiguration(Configuration userConf, String appId) {
        if (userConf.contains(HighAvailabilityOptions.CLUSTER_ID)) {
            LOG.warn("'{}' is set to '{}': on YARN the cluster-id is normally the application id ({}); make sure no"
                    + " other application uses it", HighAvailabilityOptions.CLUSTER_ID.key(),
                    userConf.get(HighAvailabilityOptions.CLUSTER_ID), appId);
            return userConf;
        }
        return userConf.with(HighAvailabilityOptions.CLUSTER_ID, appId);
    }

    private Optional<String> guardClusterId(Configuration userConf, Configuration conf, YarnClient yarn, String clusterId)
            throws Exception {
        if (!userConf.contains(HighAvailabilityOptions.CLUSTER_ID)) {
            return Optional.empty();
        }
        try (CuratorFramework client = new ZooKeeperClientFactory(conf).startClusterClient()) {
            return ClusterIdGuard.check(client, ResourceManagerReports.of(yarn), env.attemptId().getApplicationId(),
                    clusterId);
        }
    }

    /**
     * Registers only to unregister FAILED with the diagnostic, so that YARN starts no further attempt;
     * then removes the HA data of {@code ownCluster} (null: none to remove) unless it holds something to recover.
     */
    private AttemptOutcome.Fatal failFatally(AMRMClientAsync<ContainerRequest> rm, AttemptOutcome.Fatal fatal,
            org.apache.hadoop.conf.Configuration hadoopConf, Configuration ownCluster, boolean reachZooKeeper)
            throws Exception {
        LOG.error("Failing the application: {}", fatal.diagnostic());
        rm.registerApplicationMaster(env.nodeHost(), 0, "");
        finish(rm, fatal.finished(), null, hadoopConf);
        if (ownCluster != null) {
            FailedClusterCleanup.removeUnlessRecoverable(ownCluster, hadoopConf, reachZooKeeper);
        }
        return fatal;
    }

    /** Unregisters with the outcome's final status and removes the staging dir. */
    private void finish(AMRMClientAsync<ContainerRequest> rm, AttemptOutcome.Finished outcome, String trackingUrl,
            org.apache.hadoop.conf.Configuration hadoopConf) throws Exception {
        rm.unregisterApplicationMaster(outcome.status(), outcome.diagnostics(), trackingUrl);
        LOG.info("Unregistered from the ResourceManager with final status {}", outcome.status());
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(env.stagingDir());
        FileSystem fs = staging.getFileSystem(hadoopConf);
        if (fs.delete(staging, true)) {
            LOG.info("Removed the staging dir {}", staging);
        }
    }

    /**
     * Removes the cluster's HA data after the application ended: always when it did not fail; after
     * a failure only when there is nothing to recover, and only when the cluster-id is this
     * application's (a user-set one may be shared with the applications that come after it).
     */
    private void cleanUpHaData(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf, String clusterId,
            AttemptOutcome.Finished finished) {
        if (!finished.removesHaData()) {
            if (clusterId.equals(env.attemptId().getApplicationId().toString())) {
                FailedClusterCleanup.removeUnlessRecoverable(conf, hadoopConf, true);
            } else {
                LOG.info("Keeping the HA data of cluster {} for 'spindle ha inspect'", clusterId);
            }
            return;
        }
        try (CuratorFramework root = new ZooKeeperClientFactory(conf).startRootClient()) {
            new ClusterHaData(root, clusterId, ClusterStorage.of(conf, hadoopConf)).deleteAll();
        } catch (Exception e) {
            LOG.warn("Could not remove the HA data of cluster {}: {} (remove it with 'spindle ha clean --cluster-id {}')",
                    clusterId, e.getMessage(), clusterId);
        }
    }

}
