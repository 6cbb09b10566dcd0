package io.spindle.minicluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * YARN in this JVM: a {@link MiniYARNCluster} with one ResourceManager and {@code n} NodeManagers,
 * whose containers run as real processes, its folders under a work directory
 * ({@code <workDir>/<name>/}), started from a configuration such as {@link MiniClusterConfig}
 * builds.
 *
 * <p>{@link #start} returns once every NodeManager has registered (at most 60 s) and the
 * ResourceManager has published its real address; {@link #configuration()} then holds the
 * addresses with their real ports.
 *
 * <p><b>Fast teardown.</b> {@link #close()} stops the NodeManagers (which kill their containers),
 * then the ResourceManager, then the cluster. {@code MiniYARNCluster.stop()} on its own waits up to
 * 5 s for every ApplicationMaster that registered to unregister, which a killed or still running
 * AM never does; stopping the ResourceManager first through the cluster's public
 * {@link MiniYARNCluster#stopResourceManager(int)} skips that wait, without touching its private
 * fields. A container process still alive after the NodeManagers stopped (one that ignored
 * SIGTERM and SIGKILL from its NodeManager, or was started outside its process group) is killed
 * with SIGKILL, so no container outlives the cluster. Call it after the last application and its
 * last attempt are FINISHED (not FINISHING) if the test cares about their final state.
 *
 * <p>Thread safety: the accessors may be called from any thread; {@link #close()} is idempotent
 * and synchronized.
 */
public final class MiniYarn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MiniYarn.class);
    private static final Duration NODE_MANAGERS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROCESS_KILL_TIMEOUT = Duration.ofSeconds(10);

    private final MiniYARNCluster cluster;
    private final YarnConfiguration conf;
    private boolean closed;

    private MiniYarn(MiniYARNCluster cluster, YarnConfiguration conf) {
        this.cluster = cluster;
        this.conf = conf;
    }

    /**
     * Starts YARN.
     *
     * @param conf         the settings (copied; not changed), with {@code fs.defaultFS} if YARN should use HDFS
     * @param workDir      parent of the cluster's folder ({@code <workDir>/<name>/}: NodeManager local and log dirs)
     * @param name         the cluster's name and folder name
     * @param nodeManagers number of NodeManagers, at least 1
     * @throws IOException if it did not start or its NodeManagers did not register in time (what
     *                     started is stopped)
     */
    public static MiniYarn start(Configuration conf, Path workDir, String name, int nodeManagers) throws IOException {
        if (nodeManagers < 1) {
            throw new IllegalArgumentException("need at least one NodeManager: " + nodeManagers);
        }
        long t0 = System.nanoTime();
        MiniYARNCluster cluster;
        synchronized (MiniClusterConfig.class) {
            DefaultMetricsSystem.setMiniClusterMode(true);
            cluster = create(workDir, name, nodeManagers);
            MiniYarn yarn = new MiniYarn(cluster, null);
            try {
                cluster.init(new YarnConfiguration(conf));
                cluster.start();
                if (!cluster.waitForNodeManagersToConnect(NODE_MANAGERS_TIMEOUT.toMillis())) {
                    throw new IOException(nodeManagers + " NodeManagers did not register within "
                            + NODE_MANAGERS_TIMEOUT.toSeconds() + " s");
                }
            } catch (IOException | RuntimeException | Error e) {
                yarn.close();
                throw e;
            } catch (YarnException e) {
                yarn.close();
                throw new IOException("YARN did not start: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                yarn.close();
                throw new IOException("interrupted while YARN started", e);
            }
        }
        YarnConfiguration started = new YarnConfiguration(cluster.getConfig());
        InetSocketAddress rm = started.getSocketAddr(YarnConfiguration.RM_ADDRESS,
                YarnConfiguration.DEFAULT_RM_ADDRESS, YarnConfiguration.DEFAULT_RM_PORT);
        if (rm.getPort() == 0) {
            new MiniYarn(cluster, started).close();
            throw new IOException("the ResourceManager did not publish its address: " + rm);
        }
        LOG.info("YARN started with {} NodeManagers, ResourceManager at {}, in {} ms", nodeManagers,
                started.get(YarnConfiguration.RM_ADDRESS), (System.nanoTime() - t0) / 1_000_000);
        return new MiniYarn(cluster, started);
    }

    /** MiniYARNCluster puts its folders under {@code ${test.build.data}/<name>}: point that at {@code workDir}. */
    private static MiniYARNCluster create(Path workDir, String name, int nodeManagers) {
        String previous = System.getProperty("test.build.data");
        try {
            System.setProperty("test.build.data", workDir.toAbsolutePath().toString());
            return new MiniYARNCluster(name, 1, nodeManagers, 1, 1);
        } finally {
            if (previous == null) {
                System.clearProperty("test.build.data");
            } else {
                System.setProperty("test.build.data", previous);
            }
        }
    }

    /** A new copy of the running cluster's configuration: the real ResourceManager addresses. */
    public YarnConfiguration configuration() {
        return new YarnConfiguration(conf);
    }

    /** The MiniYARNCluster itself, for tests that need more (do not stop it). */
    public MiniYARNCluster cluster() {
        return cluster;
    }

    /** The folders where the NodeManagers keep container logs. */
    public List<Path> containerLogDirs() {
        return NodeManagerDirs.logDirs(cluster);
    }

    /** Stops the NodeManagers, the ResourceManager and any container process left; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        List<ProcessHandle> containerProcesses = containerProcesses();
        for (NodeManager nm : NodeManagerDirs.nodeManagers(cluster)) {
            stopQuietly("a NodeManager", nm::stop);
        }
        for (int i = 0; i < cluster.getNumOfResourceManager(); i++) {
            int index = i;
            stopQuietly("the ResourceManager", () -> cluster.stopResourceManager(index));
        }
        stopQuietly("YARN", cluster::stop);
        killSurvivors(containerProcesses);
        LOG.info("YARN stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private List<ProcessHandle> containerProcesses() {
        List<ProcessHandle> processes = new ArrayList<>();
        try {
            for (long pid : ContainerPidFiles.allPids(cluster)) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    processes.add(p);
                    p.descendants().forEach(processes::add);
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not list container processes before stopping YARN", e);
        }
        return processes;
    }

    private static void killSurvivors(List<ProcessHandle> processes) {
        List<ProcessHandle> survivors = processes.stream().filter(ProcessHandle::isAlive).toList();
        if (survivors.isEmpty()) {
            return;
        }
        LOG.warn("Killing {} container processes that outlived the NodeManagers: {}", survivors.size(),
                survivors.stream().map(ProcessHandle::pid).toList());
        survivors.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + PROCESS_KILL_TIMEOUT.toNanos();
        for (ProcessHandle p : survivors) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("Process {} did not end after SIGKILL: {}", p.pid(), e.toString());
            }
        }
    }

    private static void stopQuietly(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            LOG.warn("Stopping {} failed", what, e);
        }
    }
}
