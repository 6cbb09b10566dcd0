package io.spindle.localcluster;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZooKeeper, HDFS (one NameNode, one DataNode) and YARN (one ResourceManager, N NodeManagers) in
 * this JVM, with their data under a {@link ClusterDirectory}. Starts in that order and stops in
 * the reverse one.
 *
 * <p>Thread safety: {@link #start()} runs on one thread; {@link #close()} may run concurrently
 * from a shutdown hook. Each start step holds the monitor, so close waits for the step in
 * progress and then stops what has started; a start that finds the cluster closed fails.
 */
final class LocalCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final Duration NODE_MANAGERS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONTAINER_KILL_TIMEOUT = Duration.ofSeconds(10);

    private final ClusterDirectory dir;
    private final LocalClusterArgs args;
    private EmbeddedZooKeeper zooKeeper;
    private MiniDFSCluster hdfs;
    private MiniYARNCluster yarn;
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
            zooKeeper = EmbeddedZooKeeper.start(dir.zooKeeperDir(), args.zooKeeperPort());
        }
        synchronized (this) {
            checkOpen();
            startHdfs();
        }
        synchronized (this) {
            checkOpen();
            startYarn();
        }
        LOG.info("Local cluster started in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private void startHdfs() throws Exception {
        long t0 = System.nanoTime();
        Configuration c = HadoopSettings.create(dir, args.nodeManagerMemoryMb());
        DefaultMetricsSystem.setMiniClusterMode(true);
        try {
            hdfs = new MiniDFSCluster.Builder(c, dir.hdfsDir().toFile())
                    .numDataNodes(1)
                    .nameNodePort(args.nameNodePort())
                    .build();
        } catch (BindException e) {
            throw new LocalClusterException("port " + args.nameNodePort() + " for the HDFS NameNode is in use", e);
        }
        hdfs.waitActive();
        c.set(FileSystem.FS_DEFAULT_NAME_KEY, hdfs.getURI().toString());
        try (FileSystem fs = FileSystem.newInstance(hdfs.getURI(), c)) {
            fs.mkdirs(new Path("/spindle/ha"));
            fs.mkdirs(new Path("/user/" + System.getProperty("user.name")));
        }
        conf = c;
        LOG.info("HDFS started at {} in {} ms", hdfs.getURI(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void startYarn() throws Exception {
        long t0 = System.nanoTime();
        // MiniYARNCluster puts its folders under ${test.build.data}/<name>.
        String previous = System.getProperty("test.build.data");
        try {
            System.setProperty("test.build.data", dir.yarnDir().toString());
            yarn = new MiniYARNCluster("local-cluster", 1, args.nodeManagers(), 1, 1);
        } finally {
            if (previous == null) {
                System.clearProperty("test.build.data");
            } else {
                System.setProperty("test.build.data", previous);
            }
        }
        yarn.init(conf);
        yarn.start();
        if (!yarn.waitForNodeManagersToConnect(NODE_MANAGERS_TIMEOUT.toMillis())) {
            throw new IllegalStateException(args.nodeManagers() + " NodeManagers did not register within "
                    + NODE_MANAGERS_TIMEOUT.toSeconds() + " s");
        }
        YarnConfiguration started = new YarnConfiguration(yarn.getConfig());
        InetSocketAddress rm = started.getSocketAddr(YarnConfiguration.RM_ADDRESS,
                YarnConfiguration.DEFAULT_RM_ADDRESS, YarnConfiguration.DEFAULT_RM_PORT);
        if (rm.getPort() == 0) {
            throw new IllegalStateException("the ResourceManager did not publish its address: " + rm);
        }
        conf = started;
        LOG.info("YARN started with {} NodeManagers, ResourceManager at {}, in {} ms", args.nodeManagers(),
                started.get(YarnConfiguration.RM_ADDRESS), (System.nanoTime() - t0) / 1_000_000);
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
        return zooKeeper.connectString();
    }

    /** The HDFS URI, {@code hdfs://host:port}. */
    synchronized String hdfsUri() {
        return hdfs.getURI().toString();
    }

    /** The NameNode web UI, {@code host:port}. */
    synchronized String nameNodeHttpAddress() {
        return hdfs.getNameNode().getHttpAddress().getHostString() + ":" + hdfs.getNameNode().getHttpAddress().getPort();
    }

    /** The folders where NodeManagers keep container logs. */
    synchronized List<String> containerLogDirs() {
        return NodeManagers.dirs(yarn, YarnConfiguration.NM_LOG_DIRS);
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
            stopYarn();
        }
        if (hdfs != null) {
            try {
                hdfs.shutdown(true);
            } catch (RuntimeException e) {
                LOG.warn("Stopping HDFS failed", e);
            }
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        LOG.info("Local cluster stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private void stopYarn() {
        // Containers run as child processes; remember them, so none outlives the NodeManagers.
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        NodeManagers.forgetUnregisteredAppMasters(yarn);
        try {
            yarn.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping YARN failed", e);
        }
        List<ProcessHandle> survivors = children.stream().filter(ProcessHandle::isAlive).toList();
        if (!survivors.isEmpty()) {
            LOG.warn("Killing {} container processes that outlived the NodeManagers: {}", survivors.size(),
                    survivors.stream().map(ProcessHandle::pid).toList());
            survivors.forEach(ProcessHandle::destroyForcibly);
            long deadline = System.nanoTime() + CONTAINER_KILL_TIMEOUT.toNanos();
            for (ProcessHandle p : survivors) {
                try {
                    p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    LOG.warn("Process {} did not end after SIGKILL: {}", p.pid(), e.toString());
                }
            }
        }
    }

    /** For {@link LocalClusterRunner}: everything the summary and the written files need. */
    synchronized Map<String, String> describe() {
        Configuration c = conf;
        return Map.of(
                "zookeeper.quorum", zooKeeperQuorum(),
                "hdfs.uri", hdfsUri(),
                "hdfs.web", "http://" + nameNodeHttpAddress(),
                "yarn.resourcemanager.address", c.get(YarnConfiguration.RM_ADDRESS),
                "yarn.resourcemanager.scheduler.address", c.get(YarnConfiguration.RM_SCHEDULER_ADDRESS),
                "yarn.web", "http://" + c.get(YarnConfiguration.RM_WEBAPP_ADDRESS),
                "yarn.node-managers", Integer.toString(args.nodeManagers()),
                "yarn.container-log-dirs", String.join(",", containerLogDirs()));
    }
}
