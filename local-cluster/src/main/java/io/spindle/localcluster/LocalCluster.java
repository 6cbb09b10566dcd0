package io.spindle.localcluster;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.MiniClusterConfig;
import io.spindle.minicluster.MiniHdfs;
import io.spindle.minicluster.MiniYarn;
import io.spindle.minicluster.ZooKeeperSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZooKeeper, HDFS (one NameNode, one DataNode) and YARN (one ResourceManager, N NodeManagers) in
 * this JVM, with their data under a {@link ClusterDirectory}; or ZooKeeper as an ensemble of
 * separate JVMs ({@link ZooKeeperProcesses}), which a fault can kill one by one. The DataNode can
 * be restarted ({@link #restartDataNode()}). Starts in that order and stops in
 * the reverse one. The services and their settings are those of the {@code mini-cluster} module
 * ({@link MiniClusterConfig}), with NodeManager heartbeats every 500 ms.
 *
 * <p>Thread safety: {@link #start()} runs on one thread; {@link #close()} may run concurrently
 * from a shutdown hook. Each start step holds the monitor, so close waits for the step in
 * progress and then stops what has started; a start that finds the cluster closed fails.
 */
final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final Duration NODE_MANAGER_HEARTBEAT = Duration.ofMillis(500);

    private final ClusterDirectory dir;
    private final LocalClusterArgs args;
    private EmbeddedZooKeeper zooKeeper;
    private ZooKeeperProcesses ensemble;
    private MiniHdfs hdfs;
    private MiniYarn yarn;
    private Configuration conf;
    private boolean closed;

    LocalCluster(ClusterDirectory dir, LocalClusterArgs args) {
        this.dir = dir;
        this.args = args;
    }

    /**
     * Starts the three services; on failure the caller closes this.
     *
     * @throws LocalClusterException on a user-fixable failure (a port in use)
     * @throws Exception             on any other failure
     */
    void start() throws Exception {
        long t0 = System.nanoTime();
        synchronized (this) {
            checkOpen();
            startZooKeeper();
        }
        synchronized (this) {
            checkOpen();
            startHdfs();
        }
        synchronized (this) {
            checkOpen();
            yarn = MiniYarn.start(conf, dir.yarnDir(), "local-cluster", args.nodeManagers());
            conf = yarn.configuration();
        }
        LOG.info("Local cluster started in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private void startZooKeeper() throws IOException, LocalClusterException, InterruptedException {
        if (args.zooKeeperEnsemble() > 1) {
            ensemble = ZooKeeperProcesses.start(dir.zooKeeperDir(), args.zooKeeperEnsemble());
            return;
        }
        try {
            zooKeeper = EmbeddedZooKeeper.start(dir.zooKeeperDir(), args.zooKeeperPort(), ZooKeeperSettings.defaults());
        } catch (BindException e) {
            throw new LocalClusterException("port " + args.zooKeeperPort() + " for ZooKeeper is in use", e);
        }
    }

    private void startHdfs() throws IOException, LocalClusterException {
        Configuration settings = MiniClusterConfig.builder(dir.tmpDir().resolve("hadoop"))
                .nodeManagerMemoryMb(args.nodeManagerMemoryMb())
                .nodeManagerHeartbeat(NODE_MANAGER_HEARTBEAT)
                .build();
        try {
            hdfs = MiniHdfs.start(settings, dir.hdfsDir(), args.nameNodePort());
        } catch (BindException e) {
            throw new LocalClusterException("port " + args.nameNodePort() + " for the HDFS NameNode is in use", e);
        }
        conf = hdfs.configuration();
        try (FileSystem fs = FileSystem.newInstance(hdfs.uri(), conf)) {
            fs.mkdirs(new org.apache.hadoop.fs.Path("/spindle/ha"));
            fs.mkdirs(new org.apache.hadoop.fs.Path("/user/" + System.getProperty("user.name")));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the local cluster is stopping");
        }
    }

    /** The running clusters' Hadoop configuration (real addresses); the caller must not change it. */
    synchronized Configuration conf() {
        return conf;
    }

    /** ZooKeeper's connect string. */
    synchronized String zooKeeperQuorum() {
        return ensemble != null ? ensemble.connectString() : zooKeeper.connectString();
    }

    /**
     * Restarts the DataNode on the same ports with the same data and waits until the NameNode sees
     * it again; writes in progress fail meanwhile, as they would on a DataNode crash.
     *
     * @throws IOException if it does not come back
     */
    void restartDataNode() throws IOException {
        MiniHdfs running;
        synchronized (this) {
            checkOpen();
            running = hdfs;
        }
        long t0 = System.nanoTime();
        LOG.info("Restarting the DataNode");
        if (!running.cluster().restartDataNode(0, true)) {
            throw new IOException("the DataNode did not restart");
        }
        running.cluster().waitActive();
        LOG.info("DataNode restarted in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** The HDFS URI, {@code hdfs://host:port}. */
    synchronized String hdfsUri() {
        return hdfs.uri().toString();
    }

    /** The folders where NodeManagers keep container logs. */
    synchronized List<String> containerLogDirs() {
        return yarn.containerLogDirs().stream().map(Path::toString).toList();
    }

    /** Stops YARN (and any container process that outlives it), HDFS and ZooKeeper. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        if (yarn != null) {
            yarn.close();
        }
        if (hdfs != null) {
            try {
                hdfs.close();
            } catch (RuntimeException e) {
                LOG.warn("Stopping HDFS failed", e);
            }
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
        LOG.info("Local cluster stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** For {@link LocalClusterRunner}: everything the summary and the written files need. */
    synchronized Map<String, String> describe() {
        Configuration c = conf;
        Map<String, String> described = new java.util.HashMap<>(Map.of(
                "zookeeper.quorum", zooKeeperQuorum(),
                "hdfs.uri", hdfsUri(),
                "hdfs.web", "http://" + hdfs.nameNodeHttpAddress(),
                "yarn.resourcemanager.address", c.get(YarnConfiguration.RM_ADDRESS),
                "yarn.resourcemanager.scheduler.address", c.get(YarnConfiguration.RM_SCHEDULER_ADDRESS),
                "yarn.web", "http://" + c.get(YarnConfiguration.RM_WEBAPP_ADDRESS),
                "yarn.node-managers", Integer.toString(args.nodeManagers()),
                "yarn.container-log-dirs", String.join(",", containerLogDirs())));
        if (ensemble != null) {
            described.put(ClusterFiles.ZOOKEEPER_CLIENT_PORTS, ensemble.clientPorts());
            described.put(ClusterFiles.ZOOKEEPER_PID_FILES, dir.zooKeeperDir().resolve("member-<id>.pid").toString());
        }
        return described;
    }
}
