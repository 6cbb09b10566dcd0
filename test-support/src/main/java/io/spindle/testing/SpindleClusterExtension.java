package io.spindle.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.HadoopSiteFiles;
import io.spindle.minicluster.MiniClusterConfig;
import io.spindle.minicluster.MiniYarn;
import io.spindle.minicluster.ZooKeeperEnsemble;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs real ZooKeeper, HDFS and YARN for the tests of one class, through the
 * {@code mini-cluster} module (the same servers {@code spindle local-cluster} runs).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
 *         .withZooKeeper()            // or .withZooKeeperEnsemble(3)
 *         .withHdfs()                 // MiniDFSCluster, 1 datanode
 *         .withYarn(1)                // MiniYARNCluster, fs.defaultFS = the HDFS above
 *         .build();
 * }</pre>
 *
 * <p><b>Lifecycle</b> ({@link ClusterLifecycle}). Register it in a {@code static} field: the
 * clusters start once before the first test of the class ({@link BeforeAllCallback}) and stop after
 * the last ({@link AfterAllCallback}); {@code @Nested} classes share them
 * ({@link PerClassClusters}). Start order is ZooKeeper, HDFS, YARN ({@link RunningClusters}); stop
 * order is the reverse. A start failure stops what had started and fails the class; it never exits
 * the JVM. Stopping is bounded: YARN kills its running containers, and any container process still
 * alive after the NodeManagers stop is killed with SIGKILL (see {@link MiniYarn}).
 *
 * <p><b>Shared by several classes</b> ({@link SharedClusters}). Built with
 * {@link SpindleClusterBuilder#sharedAcrossClasses}, the one instance may be registered by several
 * test classes: the first class to run starts the clusters, and they stop when the whole test run
 * ends (a resource of JUnit's root context), not after each class. Such classes must leave the
 * clusters as they found them: end their applications, restart what they stopped. This saves a
 * MiniDFS and MiniYARN start for each class after the first.
 *
 * <p><b>Work directory.</b> Each class gets
 * {@code <module>/target/spindle-it/<TestClassSimpleName>/} ({@link #workDir()}), emptied at start
 * and kept after the class: the YARN mini cluster lives in {@code yarn/} (NodeManager local dirs
 * and container logs, kept for debugging), ZooKeeper data in {@code zk*}, and the written Hadoop
 * configuration in {@code hadoop-conf/} ({@link #hadoopConfDir()}). HDFS data is deleted at stop.
 *
 * <p><b>Hadoop settings</b>: those of {@link MiniClusterConfig} (the capacity scheduler's
 * {@code root.default} queue at 100%, allocations of 64 to 4096 MB, pmem and vmem checks off,
 * {@code yarn.resourcemanager.am.max-attempts=4}, container logs kept, NodeManager heartbeats every
 * 250 ms, ...), then the test's own {@link SpindleClusterBuilder#withHadoopConfig entries}, which
 * win.
 *
 * <p><b>ZooKeeper.</b> An {@link EmbeddedZooKeeper} or a {@link ZooKeeperEnsemble} on free ports of
 * {@code 127.0.0.1}, data under the work directory, a tick of 500 ms and session timeouts between 1
 * s and 60 s (so tests can ask for short sessions; change with
 * {@link SpindleClusterBuilder#withZooKeeperTickTime} and
 * {@link SpindleClusterBuilder#withZooKeeperSessionTimeouts}). A server that fails to start throws;
 * ZooKeeper's own exit requests are made log-only (JVM-wide).
 *
 * <p><b>Failed tests.</b> After a test method fails, the container logs written during it are
 * printed to {@code System.out} (surefire keeps them in
 * {@code target/surefire-reports/*-output.txt}).
 *
 * <p><b>Thread safety.</b> The extension is configured once through its
 * {@link SpindleClusterBuilder} and is immutable in that respect. JUnit calls the lifecycle methods
 * from one thread; the accessors may be called from any thread while the class's tests run and
 * throw {@link IllegalStateException} when the component was not requested or is not running. Test
 * classes using this extension must not run in parallel with each other in one JVM: the Hadoop mini
 * clusters share JVM-wide state.
 */
public final class SpindleClusterExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SpindleClusterExtension.class);

    static {
        LoggingSetup.routeJulToLog4j();
    }

    private final ClusterLifecycle lifecycle;
    /** Made by {@link #zooKeeperClient()}, closed in {@link #afterAll}; guarded by {@code this}. */
    private CuratorFramework zooKeeperClient;

    SpindleClusterExtension(ClusterLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** A builder with nothing enabled; enable the components the test class needs. */
    public static SpindleClusterBuilder builder() {
        return new SpindleClusterBuilder();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        lifecycle.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeZooKeeperClient();
        lifecycle.afterAll(context);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NAMESPACE).put("started", Instant.now());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        RunningClusters running = lifecycle.running();
        TestHadoop h = running == null ? null : running.hadoop();
        if (context.getExecutionException().isEmpty() || h == null || h.yarn() == null) {
            return;
        }
        FailedTestLogs.print(h.yarn().cluster(), context.getDisplayName(),
                context.getStore(NAMESPACE).get("started", Instant.class));
    }

    // ---------------------------------------------------------------- accessors

    /** The ZooKeeper connect string ({@code host:port[,host:port...]}) of the server or ensemble. */
    public String zooKeeperConnectString() {
        return zooKeeper("ZooKeeper").connectString();
    }

    /**
     * A started Curator client of {@link #zooKeeperConnectString()} (retrying once after 100 ms), made
     * on first use, shared by the class and closed by the extension after it; do not close it.
     */
    public synchronized CuratorFramework zooKeeperClient() {
        if (zooKeeperClient == null) {
            CuratorFramework client = CuratorFrameworkFactory.newClient(zooKeeperConnectString(), new RetryOneTime(100));
            client.start();
            zooKeeperClient = client;
        }
        return zooKeeperClient;
    }

    private synchronized void closeZooKeeperClient() {
        if (zooKeeperClient != null) {
            zooKeeperClient.close();
            zooKeeperClient = null;
        }
    }

    /**
     * The single ZooKeeper server ({@link SpindleClusterBuilder#withZooKeeper()}). Tests may
     * {@code stop()} and {@code restart()} it (it keeps its port and data); do not {@code close()} it.
     */
    public EmbeddedZooKeeper zooKeeperServer() {
        String what = "ZooKeeper server (withZooKeeper())";
        return require(zooKeeper(what).server(), what);
    }

    /**
     * The ZooKeeper ensemble ({@link SpindleClusterBuilder#withZooKeeperEnsemble(int)}). Tests may
     * stop and restart its members ({@code memberServing(sessionId)},
     * {@code members().get(i).stop()/restart()}); do not {@code close()} it.
     */
    public ZooKeeperEnsemble zooKeeperEnsemble() {
        String what = "ZooKeeper ensemble (withZooKeeperEnsemble(n))";
        return require(zooKeeper(what).ensemble(), what);
    }

    /**
     * A new copy of the Hadoop configuration of the running clusters: with HDFS,
     * {@code fs.defaultFS} is the MiniDFSCluster; with YARN, it is the MiniYARNCluster's configuration
     * after start (ResourceManager addresses with their real ports, scheduler settings, and the HDFS
     * settings). The copy is the caller's to change. The object is a {@link YarnConfiguration}.
     */
    public Configuration hadoopConf() {
        return new YarnConfiguration(hadoop("Hadoop (withHdfs() or withYarn(n))").conf());
    }

    /** The HDFS URI ({@code hdfs://host:port}). */
    public URI hdfsUri() {
        return dfsCluster().getURI();
    }

    /**
     * A {@link FileSystem} on the mini HDFS, shared by the class and closed by the extension; do not
     * close it. (Use {@code FileSystem.newInstance(hdfsUri(), hadoopConf())} for one of your own.)
     */
    public FileSystem fileSystem() {
        return require(hadoop("HDFS (withHdfs())").fileSystem(), "HDFS (withHdfs())");
    }

    /** The MiniDFSCluster (one NameNode, one DataNode). */
    public MiniDFSCluster dfsCluster() {
        var hdfs = require(hadoop("HDFS (withHdfs())").hdfs(), "HDFS (withHdfs())");
        return hdfs.cluster();
    }

    /** The MiniYARNCluster (one ResourceManager, the requested NodeManagers). */
    public MiniYARNCluster yarnCluster() {
        return require(hadoop("YARN (withYarn(n))").yarn(), "YARN (withYarn(n))").cluster();
    }

    /** A started {@link YarnClient} on the mini YARN cluster, shared and stopped by the extension; do not stop it. */
    public YarnClient yarnClient() {
        return require(hadoop("YARN (withYarn(n))").yarnClient(), "YARN (withYarn(n))");
    }

    /** This class's work directory: {@code <module>/target/spindle-it/<TestClassSimpleName>}. */
    public Path workDir() {
        return require(lifecycle.workDir(), "the extension (not started)");
    }

    /**
     * A directory holding {@code core-site.xml}, {@code hdfs-site.xml} and {@code yarn-site.xml} for
     * the running clusters ({@code <workDir>/hadoop-conf}), for use as {@code HADOOP_CONF_DIR} of
     * processes the test starts, or first on a container's classpath.
     */
    public Path hadoopConfDir() {
        return hadoop("Hadoop (withHdfs() or withYarn(n))").confDir();
    }

    /**
     * Writes the clusters' Hadoop configuration as site files into {@code dir}; see {@link HadoopSiteFiles}.
     *
     * @throws java.io.UncheckedIOException if the files cannot be written
     */
    public Path writeHadoopConf(Path dir) {
        try {
            return HadoopSiteFiles.write(hadoop("Hadoop (withHdfs() or withYarn(n))").conf(), dir, "spindle-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write Hadoop configuration to " + dir, e);
        }
    }

    private TestZooKeeper zooKeeper(String what) {
        RunningClusters running = lifecycle.running();
        return require(running == null ? null : running.zooKeeper(), what);
    }

    private TestHadoop hadoop(String what) {
        RunningClusters running = lifecycle.running();
        return require(running == null ? null : running.hadoop(), what);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException(what + " is not running: enable it on the builder and use it "
                    + "between beforeAll and afterAll");
        }
        return value;
    }
}
