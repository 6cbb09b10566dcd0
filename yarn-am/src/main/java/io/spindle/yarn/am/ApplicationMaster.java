package io.spindle.yarn.am;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.configuration.YarnOptions;
import io.spindle.ha.ClusterHaData;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.jobmanager.ClusterTermination;
import io.spindle.runtime.jobmanager.JobManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
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
 * instead of after the dead one's ZooKeeper session timeout. It registers with the JobManager's
 * REST URL as tracking URL and starts TaskExecutor containers through {@link YarnResourceDriver}.
 *
 * <p>When the cluster ends (the per-job job ended, or the session was shut down) it unregisters
 * with the matching final status and removes the staging dir, and the HA data unless the
 * application failed. When the AM fails instead (an exception, a kill) it does not unregister:
 * YARN starts the next attempt, or, when attempts are used up, the application fails with its HA
 * data kept for {@code spindle ha inspect}.
 */
public final class ApplicationMaster {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationMaster.class);

    /** Marks a fatal error after which this attempt should fail (YARN retries) rather than the application. */
    private static final String RETRY_PREFIX = "attempt: ";

    private final AmEnvironment env;
    private final Configuration userConf;
    private final Path workDir;

    /**
     * @param env the container environment
     * @param conf the staged configuration
     * @param workDir the container's working directory
     */
    public ApplicationMaster(AmEnvironment env, Configuration conf, Path workDir) {
        this.env = env;
        this.userConf = conf;
        this.workDir = workDir;
    }

    /**
     * Runs the AM until the cluster ends.
     *
     * @return 0 after a final unregistration; exceptions propagate (the attempt fails, YARN retries)
     */
    public int run() throws Exception {
        String appId = env.attemptId().getApplicationId().toString();
        Configuration conf = clusterConfiguration(appId);
        String clusterId = conf.get(HighAvailabilityOptions.CLUSTER_ID);
        org.apache.hadoop.conf.Configuration hadoopConf = new YarnConfiguration();
        LOG.info("ApplicationMaster {} starting: {} cluster, cluster-id {}", env.attemptId(),
                env.perJob() ? "per-job" : "session", clusterId);

        CompletableFuture<String> fatal = new CompletableFuture<>();
        YarnClient yarn = YarnClient.createYarnClient();
        yarn.init(hadoopConf);
        yarn.start();
        DriverHolder holder = new DriverHolder(fatal);
        AMRMClientAsync<ContainerRequest> rm = AMRMClientAsync.createAMRMClientAsync(1000, holder);
        rm.init(hadoopConf);
        rm.start();
        JobManagerProcess process = null;
        YarnResourceDriver driver = null;
        try {
            Optional<String> refusal = guardClusterId(conf, yarn, clusterId);
            if (refusal.isPresent()) {
                LOG.error("Refusing to start: {}", refusal.get());
                rm.registerApplicationMaster(env.nodeHost(), 0, "");
                finish(rm, FinalApplicationStatus.FAILED, refusal.get(), null, hadoopConf);
                return 0;
            }
            Resource teResource = Resource.newInstance(conf.get(TaskManagerOptions.PROCESS_SIZE).mebiBytes(), 1);
            driver = new YarnResourceDriver(rm, hadoopConf, teResource, conf.get(TaskManagerOptions.NUMBER_OF_TASK_SLOTS),
                    conf.get(YarnOptions.MAX_FAILED_CONTAINERS), conf.get(YarnOptions.CONTAINER_FAILURE_INTERVAL),
                    fatal::complete);
            holder.driver = driver;
            JobManager.PerJob perJob = env.perJob() ? PerJobDescription.read(workDir, env.attemptId().getApplicationId())
                    : null;
            process = JobManagerProcess.start(new JobManagerProcess.Settings(conf, hadoopConf,
                    env.attemptId().toString(), env.attemptId().toString(),
                    new YarnAttemptFinishedPredicate(yarn, env.attemptId()), driver, env.nodeHost(),
                    conf.getOptional(JobManagerOptions.REST_PORT).filter(p -> userConf.contains(JobManagerOptions.REST_PORT)).orElse(0),
                    perJob, workDir.resolve("spindle-work")));
            String trackingUrl = "http://" + env.nodeHost() + ":" + process.restPort();
            RegisterApplicationMasterResponse registration =
                    rm.registerApplicationMaster(env.nodeHost(), process.restPort(), trackingUrl);
            LOG.info("Registered with the ResourceManager; tracking URL {}", trackingUrl);
            driver.registered(registration.getContainersFromPreviousAttempts(),
                    TaskExecutorLaunch.build(env, hadoopConf, clusterId, conf));

            CompletableFuture<Object> end = CompletableFuture.anyOf(process.termination(), fatal);
            Object outcome = end.join();
            if (outcome instanceof ClusterTermination termination) {
                LOG.info("Cluster ended: {} ({})", termination.status(), termination.diagnostics());
                FinalApplicationStatus status = switch (termination.status()) {
                    case SUCCEEDED -> FinalApplicationStatus.SUCCEEDED;
                    case KILLED -> FinalApplicationStatus.KILLED;
                    case FAILED -> FinalApplicationStatus.FAILED;
                };
                process.close();
                process = null;
                finish(rm, status, termination.diagnostics(), trackingUrl, hadoopConf);
                cleanUpHaData(conf, hadoopConf, clusterId, status != FinalApplicationStatus.FAILED);
            } else if (((String) outcome).startsWith(RETRY_PREFIX)) {
                String reason = ((String) outcome).substring(RETRY_PREFIX.length());
                throw new IllegalStateException("This attempt gives up (YARN starts the next one if any are left): "
                        + reason);
            } else {
                String reason = (String) outcome;
                LOG.error("Failing the application: {}", reason);
                process.close();
                process = null;
                finish(rm, FinalApplicationStatus.FAILED, reason, trackingUrl, hadoopConf);
            }
            return 0;
        } finally {
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

    /** The user's configuration with the cluster-id of this application. */
    private Configuration clusterConfiguration(String appId) {
        if (userConf.contains(HighAvailabilityOptions.CLUSTER_ID)) {
            LOG.warn("'{}' is set to '{}': on YARN the cluster-id is normally the application id ({}); make sure no"
                    + " other application uses it", HighAvailabilityOptions.CLUSTER_ID.key(),
                    userConf.get(HighAvailabilityOptions.CLUSTER_ID), appId);
            return userConf;
        }
        return userConf.with(HighAvailabilityOptions.CLUSTER_ID, appId);
    }

    private Optional<String> guardClusterId(Configuration conf, YarnClient yarn, String clusterId) throws Exception {
        if (!userConf.contains(HighAvailabilityOptions.CLUSTER_ID)) {
            return Optional.empty();
        }
        try (CuratorFramework client = new ZooKeeperClientFactory(conf).startClusterClient()) {
            return ClusterIdGuard.check(client, yarn, env.attemptId().getApplicationId(), clusterId);
        } catch (org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException e) {
            return Optional.empty();
        }
    }

    private void finish(AMRMClientAsync<ContainerRequest> rm, FinalApplicationStatus status, String diagnostics,
            String trackingUrl, org.apache.hadoop.conf.Configuration hadoopConf) throws Exception {
        rm.unregisterApplicationMaster(status, diagnostics, trackingUrl);
        LOG.info("Unregistered from the ResourceManager with final status {}", status);
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(env.stagingDir());
        FileSystem fs = staging.getFileSystem(hadoopConf);
        if (fs.delete(staging, true)) {
            LOG.info("Removed the staging dir {}", staging);
        }
    }

    private void cleanUpHaData(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf, String clusterId,
            boolean remove) {
        if (!remove) {
            LOG.info("Keeping the HA data of cluster {} for 'spindle ha inspect'", clusterId);
            return;
        }
        try (CuratorFramework root = new ZooKeeperClientFactory(conf).startRootClient()) {
            new ClusterHaData(root, clusterId, ClusterStorage.of(conf, hadoopConf)).deleteAll();
        } catch (Exception e) {
            LOG.warn("Could not remove the HA data of cluster {}: {} (remove it with 'spindle ha clean --cluster-id {}')",
                    clusterId, e.getMessage(), clusterId);
        }
    }

    /** AM-RM callbacks, forwarded to the driver once it exists. */
    private static final class DriverHolder extends AMRMClientAsync.AbstractCallbackHandler {
        private final CompletableFuture<String> fatal;
        volatile YarnResourceDriver driver;

        DriverHolder(CompletableFuture<String> fatal) {
            this.fatal = fatal;
        }

        @Override
        public void onContainersCompleted(List<ContainerStatus> statuses) {
            YarnResourceDriver d = driver;
            if (d != null) {
                d.containersCompleted(statuses);
            }
        }

        @Override
        public void onContainersAllocated(List<Container> containers) {
            YarnResourceDriver d = driver;
            if (d != null) {
                d.containersAllocated(containers);
            }
        }

        @Override
        public void onContainersUpdated(List<UpdatedContainer> containers) {}

        @Override
        public void onShutdownRequest() {
            fatal.complete("the ResourceManager asked the ApplicationMaster to shut down");
        }

        @Override
        public void onNodesUpdated(List<NodeReport> updatedNodes) {}

        @Override
        public float getProgress() {
            return 0.5f;
        }

        @Override
        public void onError(Throwable e) {
            // Not a reason to fail the application for good: this attempt exits without
            // unregistering and YARN starts the next one, if any are left.
            fatal.complete(RETRY_PREFIX + "ResourceManager communication failed: " + e);
        }
    }
}
