package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.CheckpointIdCounter;
import io.spindle.ha.HaConnectionListener;
import io.spindle.ha.HaConnectionState;
import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.PointerStore;
import io.spindle.ha.ZooKeeperUnavailableException;
import io.spindle.ha.HaDataCheck;
import io.spindle.ha.inspect.Finding;
import io.spindle.ha.inspect.HaInspector;
import io.spindle.ha.inspect.InspectionReport;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.JobResultStore;
import org.apache.curator.framework.CuratorFramework;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ZooKeeper {@link HaServices} of one cluster: one Curator client in the cluster's namespace
 * ({@code high-availability.zookeeper.path.root}/{@code high-availability.cluster-id}, laid out as
 * {@link ZooKeeperLayout}) and the cluster's folder in storageDir.
 *
 * <p>The one place where a process chooses ZooKeeper as its HA backend: everything else sees only
 * {@link HaServices}. Thread-safe; {@link #close} closes the client.
 */
public final class ZooKeeperHaServices implements HaServices {

    /** How often a waiting participant looks for finished participants ahead of it. */
    private static final Duration PREEMPTION_INTERVAL = Duration.ofMillis(100);

    private final Configuration conf;
    private final CuratorFramework client;
    private final ClusterStorage storage;
    private final JobResultStore results;
    private final ExecutorService io;
    private final ZooKeeperConnectionWatch connection;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ZooKeeperHaServices(Configuration conf, CuratorFramework client, ClusterStorage storage) {
        this.conf = conf;
        this.client = client;
        this.connection = ZooKeeperConnectionWatch.follow(client);
        this.storage = storage;
        this.results = storage == null ? null : new JobResultStore(storage);
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ha-io-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to ZooKeeper and, if {@code high-availability.storageDir} is set, opens its file
     * system; both at once, since each takes a while.
     *
     * @param conf       the Spindle configuration (the {@code high-availability.*} keys)
     * @param hadoopConf the Hadoop configuration used to reach storageDir
     * @return the services; the caller closes them
     * @throws io.spindle.configuration.IllegalConfigurationException for bad or missing HA configuration
     * @throws ZooKeeperUnavailableException if ZooKeeper cannot be reached in time
     * @throws IOException if the file system of storageDir cannot be reached
     */
    public static ZooKeeperHaServices create(Configuration conf, org.apache.hadoop.conf.Configuration hadoopConf)
            throws IOException {
        ZooKeeperClientFactory factory = new ZooKeeperClientFactory(conf);
        CompletableFuture<CuratorFramework> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return factory.startClusterClient();
            } catch (ZooKeeperUnavailableException e) {
                throw new CompletionException(e);
            }
        });
        ClusterStorage storage;
        try {
            storage = conf.getOptional(HighAvailabilityOptions.STORAGE_DIR).isPresent()
                    ? ClusterStorage.of(conf, hadoopConf) : null;
        } catch (IOException | RuntimeException e) {
            connecting.thenAccept(CuratorFramework::close);
            throw e;
        }
        try {
            return new ZooKeeperHaServices(conf, connecting.join(), storage);
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public LeaderElection leaderElection(String participantId, LeaderContender contender,
                                         ParticipantFinishedPredicate finished) {
        return new ZooKeeperLeaderElection(client, participantId, contender, finished, PREEMPTION_INTERVAL);
    }

    @Override
    public LeaderRetrieval leaderRetrieval(LeaderRetrievalListener listener) {
        return new ZooKeeperLeaderRetrieval(client, listener);
    }

    @Override
    public PointerStore jobGraphs(Executor ioExecutor) {
        return new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS,
                new ChecksummedFileStore(storage().fs(), storage().jobGraphs()), ioExecutor);
    }

    @Override
    public PointerStore completedCheckpoints(String jobId, Executor ioExecutor) {
        return new ZooKeeperPointerStore(client, ZooKeeperLayout.completedCheckpoints(jobId),
                new ChecksummedFileStore(storage().fs(), storage().checkpoints(jobId)), ioExecutor);
    }

    @Override
    public CheckpointIdCounter checkpointIdCounter(String jobId) {
        return new ZooKeeperCheckpointIdCounter(client, jobId, ZooKeeperCheckpointIdCounter.DEFAULT_BLOCK_SIZE);
    }

    @Override
    public JobResultStore jobResults() {
        storage();
        return results;
    }

    @Override
    public ClusterStorage storage() {
        if (storage == null) {
            conf.getRequired(HighAvailabilityOptions.STORAGE_DIR); // throws, naming the key
        }
        return storage;
    }

    /**
     * Removes, in this order: the job's checkpoint pointers (then their files), the rest of
     * {@code checkpoints/{jobId}} (its id counter) in one fenced transaction, and the job graph
     * pointer (then its file). The job graph goes last: while it exists, a new leader sees the job.
     */
    @Override
    public void removeJob(String jobId, LeaderFence fence) throws IOException, LeadershipLostException, InterruptedException {
        completedCheckpoints(jobId, io).removeAll(fence);
        new FencedSubtreeRemoval(client).remove(ZooKeeperLayout.checkpointsOf(jobId), fence);
        jobGraphs(io).remove(jobId, fence);
    }

    @Override
    public void removeClusterData() throws IOException, InterruptedException {
        ZooKeeperClientFactory factory = new ZooKeeperClientFactory(conf);
        String root = factory.rootNamespace();
        ClusterHaData data = new ClusterHaData(client.usingNamespace(root.isEmpty() ? null : root),
                conf.get(HighAvailabilityOptions.CLUSTER_ID), storage());
        try {
            data.deleteAll();
        } catch (IOException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw ZooKeeperFailures.io("Removing the HA data of cluster " + data.clusterZnode(), e);
        }
    }

    @Override
    public HaDataCheck inspect() throws Exception {
        String root = new ZooKeeperClientFactory(conf).rootNamespace();
        String clusterId = conf.get(HighAvailabilityOptions.CLUSTER_ID).strip().replaceAll("^/+|/+$", "");
        InspectionReport report = new HaInspector(client.usingNamespace(root.isEmpty() ? null : root),
                storage().fs().getConf()).inspect(clusterId, storage());
        return new HaDataCheck(report.tree(), report.pointers(), report.findings().stream().map(Finding::toString).toList());
    }

    @Override
    public HaConnectionState connectionState() {
        return connection.state();
    }

    /** Follows the Curator client's connection state listener; no ZooKeeper session of its own. */
    @Override
    public Watch watchConnection(HaConnectionListener listener) {
        return connection.add(listener);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            io.shutdownNow();
            client.close();
        }
    }
}
