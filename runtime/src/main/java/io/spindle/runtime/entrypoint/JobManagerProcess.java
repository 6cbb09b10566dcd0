package io.spindle.runtime.entrypoint;

import io.grpc.Server;
import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.configuration.HighAvailabilityType;
import io.spindle.configuration.IllegalConfigurationException;
import io.spindle.configuration.JobManagerOptions;
import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.runtime.history.FailoverHistory;
import io.spindle.runtime.history.FailoverHistoryRecorder;
import io.spindle.runtime.jobmanager.ClusterTermination;
import io.spindle.runtime.jobmanager.JobManager;
import io.spindle.runtime.jobmanager.JobManagerEvents;
import io.spindle.runtime.jobmanager.JobManagerRpcService;
import io.spindle.runtime.jobmanager.JobManagerSettings;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.runtime.metrics.HaConnectionMetrics;
import io.spindle.runtime.metrics.JobManagerMetrics;
import io.spindle.runtime.metrics.LeadershipMetrics;
import io.spindle.runtime.metrics.ProcessMetrics;
import io.spindle.runtime.rest.RestServer;
import io.spindle.runtime.rest.WebProxy;
import io.spindle.runtime.security.ClusterAuthentication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running JobManager with everything around it: the HA services (ZooKeeper, chosen here), leader
 * election and retrieval, the gRPC endpoint for TaskExecutors and the REST endpoint (with the
 * dashboard and the failover history), both authenticated with the process's
 * {@link ClusterAuthentication#forProcess cluster secret}. Used by the standalone entry point and
 * by the YARN ApplicationMaster.
 *
 * <p>Thread-safe; {@link #close} is idempotent.
 */
public final class JobManagerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobManagerProcess.class);

    /** How many leader sessions the failover history keeps. */
    private static final int HISTORY_SESSIONS = 50;

    private final HaServices ha;
    private final LeaderRetrieval retrieval;
    private final JobManager jobManager;
    private final Server rpcServer;
    private final RestServer restServer;
    private final LeaderElection election;
    private final ProcessMetrics metrics = new ProcessMetrics();
    private final HaConnectionMetrics zooKeeperMetrics;
    private final FailoverHistoryRecorder history;
    private final String rpcAddress;
    private final String restUrl;
    private boolean closed;

    /**
     * What a JobManager process needs besides its configuration.
     *
     * @param conf the Spindle configuration (HA keys required)
     * @param hadoopConf the Hadoop configuration, for storageDir
     * @param participantId who this process is in the election (the YARN attempt id, or host:port)
     * @param attempt shown in the overview: the YARN attempt id, or "standalone"
     * @param finished which earlier participants are provably finished (YARN), or NEVER
     * @param resourceDriver starts TaskExecutors, or {@link ResourceDriver#STANDALONE}
     * @param host the host name to announce; null for {@code jobmanager.rpc.address} or the local name
     * @param restPort REST port; null for {@code rest.port}
     * @param perJob the job of a per-job cluster, or null
     * @param workDir local folder for uploads
     * @param timeline records the start steps, served over REST
     * @param webProxy the web proxy browsers are sent to (YARN's ResourceManager), or null for none
     */
    public record Settings(
            Configuration conf,
            org.apache.hadoop.conf.Configuration hadoopConf,
            String participantId,
            String attempt,
            ParticipantFinishedPredicate finished,
            ResourceDriver resourceDriver,
            String host,
            Integer restPort,
            JobManager.PerJob perJob,
            Path workDir,
            StartupTimeline timeline,
            WebProxy webProxy) {

        /** Settings with a fresh timeline of this JVM ({@link StartupTimeline#ofThisJvm()}). */
        public Settings(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf, String participantId,
                String attempt, ParticipantFinishedPredicate finished, ResourceDriver resourceDriver, String host,
                Integer restPort, JobManager.PerJob perJob, Path workDir) {
            this(conf, hadoopConf, participantId, attempt, finished, resourceDriver, host, restPort, perJob, workDir,
                    StartupTimeline.ofThisJvm());
        }

        /** Settings without a web proxy in front of the REST endpoint. */
        public Settings(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf, String participantId,
                String attempt, ParticipantFinishedPredicate finished, ResourceDriver resourceDriver, String host,
                Integer restPort, JobManager.PerJob perJob, Path workDir, StartupTimeline timeline) {
            this(conf, hadoopConf, participantId, attempt, finished, resourceDriver, host, restPort, perJob, workDir,
                    timeline, null);
        }
    }

    private JobManagerProcess(Settings settings) throws Exception {
        Configuration conf = settings.conf();
        if (conf.get(HighAvailabilityOptions.TYPE) != HighAvailabilityType.ZOOKEEPER) {
            throw new IllegalConfigurationException("'" + HighAvailabilityOptions.TYPE.key()
                    + "' must be 'zookeeper': the JobManager elects its leader and keeps recovery data through ZooKeeper");
        }
        ClusterAuthentication authentication = ClusterAuthentication.forProcess(conf);
        JobManagerSettings jmSettings = JobManagerSettings.from(conf, authentication);
        String host = settings.host() != null ? settings.host()
                : conf.getOptional(JobManagerOptions.RPC_ADDRESS).orElseGet(HostNames::localHostName);
        String clusterId = conf.get(HighAvailabilityOptions.CLUSTER_ID);
        this.ha = ZooKeeperHaServices.create(conf, settings.hadoopConf());
        boolean started = false;
        LeaderRetrieval leaderRetrieval = null;
        LeaderElection leaderElection = null;
        JobManager manager = null;
        Server rpc = null;
        RestServer rest = null;
        HaConnectionMetrics zkMetrics = null;
        FailoverHistoryRecorder history = null;
        try {
            zkMetrics = HaConnectionMetrics.watch(ha, metrics.registry());
            JobManagerMetrics jobMetrics = new JobManagerMetrics(metrics.registry());
            LeadershipMetrics leadership = new LeadershipMetrics(metrics.registry());
            history = new FailoverHistoryRecorder(new FailoverHistory(ha.storage(), HISTORY_SESSIONS), ha,
                    settings.attempt(), settings.participantId(), leadership::timeToLeadSeconds);
            leaderRetrieval = ha.leaderRetrieval(leadership);
            leaderRetrieval.start();
            LeaderRetrieval lookup = leaderRetrieval;
            manager = new JobManager(clusterId, settings.attempt(), ha, jmSettings, settings.resourceDriver(),
                    lookup::currentLeader, settings.perJob(), JobManagerEvents.both(jobMetrics, history),
                    settings.timeline());
            jobMetrics.observe(manager);
            // The election first: it need not wait for the endpoints. A grant before they are up
            // publishes the leader with empty addresses (followers wait); publishAddresses below
            // publishes them, through the session's fence, once both listen.
            leaderElection = ha.leaderElection(settings.participantId(), leadership.around(history.around(manager)),
                    history.watching(settings.finished()));
            leaderElection.start("", "");
            settings.timeline().record(StartupTimeline.ELECTION_JOINED);
            Path uploads = settings.workDir().resolve("uploads");
            Files.createDirectories(uploads);
            int restPort = settings.restPort() != null ? settings.restPort() : conf.get(JobManagerOptions.REST_PORT);
            RestServer restServer = new RestServer(manager, "0.0.0.0", restPort, uploads, authentication)
                    .serveStartup(settings.timeline())
                    .serveMetrics(metrics::scrape)
                    .serveDashboard(new JobManagerDashboardData(ha, history, settings.resourceDriver()));
            if (settings.webProxy() != null) {
                restServer.behindWebProxy(settings.webProxy());
            }
            // Jetty and Netty start in parallel.
            CompletableFuture<Void> restStart = CompletableFuture.runAsync(() -> {
                try {
                    restServer.start();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            rest = restServer;
            rpc = RpcServers.start(conf.get(HighAvailabilityOptions.JOB_MANAGER_PORT),
                    HighAvailabilityOptions.JOB_MANAGER_PORT, new JobManagerRpcService(manager), authentication);
            try {
                restStart.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof IOException io ? io : e;
            }
            this.rpcAddress = host + ":" + rpc.getPort();
            this.restUrl = "http://" + host + ":" + rest.port();
            leaderElection.publishAddresses(rpcAddress, restUrl);
            settings.timeline().record(StartupTimeline.ENDPOINTS_UP);
            LOG.info("JobManager {} started: RPC {}, REST {}, cluster {}", settings.participantId(), rpcAddress,
                    restUrl, clusterId);
            started = true;
        } finally {
            this.election = leaderElection;
            this.retrieval = leaderRetrieval;
            this.jobManager = manager;
            this.rpcServer = rpc;
            this.restServer = rest;
            this.zooKeeperMetrics = zkMetrics;
            this.history = history;
            if (!started) {
                closeQuietly();
            }
        }
    }

    /**
     * Starts a JobManager process: the HA services, the JobManager, its place in the leader
     * election (joined before the endpoints start, so a new process may lead while they start; see
     * {@link LeaderElection#publishAddresses}), then the RPC and REST endpoints, whose addresses are
     * published once both listen. Returns when the endpoints are up, leading or not.
     *
     * @throws IllegalConfigurationException for bad or missing configuration, a missing or unusable
     *     cluster secret included
     * @throws ZooKeeperUnavailableException if ZooKeeper cannot be reached
     * @throws IOException if storageDir or a port is unavailable
     */
    public static JobManagerProcess start(Settings settings) throws Exception {
        return new JobManagerProcess(settings);
    }

    /** The JobManager. */
    public JobManager jobManager() {
        return jobManager;
    }

    /** The REST endpoint's port. */
    public int restPort() {
        return restServer.port();
    }

    /** The process's metrics ({@code GET /metrics} on the REST endpoint). */
    public ProcessMetrics metrics() {
        return metrics;
    }

    /** The RPC address announced to TaskExecutors. */
    public String rpcAddress() {
        return rpcAddress;
    }

    /** Completes when the cluster ends (per-job job ended, or session shut down). */
    public CompletableFuture<ClusterTermination> termination() {
        return jobManager.termination();
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (election != null) {
                election.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Leaving the election failed: {}", e.toString());
        }
        if (restServer != null) {
            restServer.close();
        }
        if (rpcServer != null) {
            RpcServers.stop(rpcServer);
        }
        if (jobManager != null) {
            jobManager.close();
        }
        if (retrieval != null) {
            retrieval.close();
        }
        if (zooKeeperMetrics != null) {
            zooKeeperMetrics.close();
        }
        if (history != null) {
            history.close();
        }
        metrics.close();
        ha.close();
    }
}
