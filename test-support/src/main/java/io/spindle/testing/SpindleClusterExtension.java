package io.spindle.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import io.spindle.minicluster.EmbeddedZooKeeper;
import io.spindle.minicluster.HadoopSiteFiles;
import io.spindle.minicluster.MiniClusterConfig;
import io.spindle.minicluster.MiniYarn;
import io.spindle.minicluster.ZooKeeperEnsemble;
import io.spindle.minicluster.ZooKeeperSettings;
import io.spindle.testing.ClusterSettings.ZooKeeperMode;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that runs real ZooKeeper, HDFS and YARN for the tests of one class, through
 * the {@code mini-cluster} module (the same servers {@code spindle local-cluster} runs).
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
 * <p><b>Lifecycle.</b> Register it in a {@code static} field: the clusters start once before the
 * first test of the class ({@link BeforeAllCallback}) and stop after the last
 * ({@link AfterAllCallback}); {@code @Nested} classes share them. Start order is ZooKeeper, HDFS,
 * YARN; stop order is the reverse. A start failure stops what had started and fails the class; it
 * never exits the JVM. Stopping is bounded: YARN kills its running containers, and any container
 * process still alive after the NodeManagers stop is killed with SIGKILL (see {@link MiniYarn}).
 *
 * <p><b>Shared by several classes.</b> Built with {@link Builder#sharedAcrossClasses}, the one
 * instance may be registered by several test classes: the first class to run starts the clusters,
 * and they stop when the whole test run ends (a resource of JUnit's root context), not after each
 * class. Such classes must leave the clusters as they found them: end their applications, restart
 * what they stopped. This saves a MiniDFS and MiniYARN start for each class after the first.
 *
 * <p><b>Work directory.</b> Each class gets {@code <module>/target/spindle-it/<TestClassSimpleName>/}
 * ({@link #workDir()}), emptied at start and kept after the class: the YARN mini cluster lives in
 * {@code yarn/} (NodeManager local dirs and container logs, kept for debugging), ZooKeeper data in
 * {@code zk*}, and the written Hadoop configuration in {@code hadoop-conf/} ({@link #hadoopConfDir()}).
 * HDFS data is deleted at stop.
 *
 * <p><b>Hadoop settings</b>: those of {@link MiniClusterConfig} (the capacity scheduler's
 * {@code root.default} queue at 100%, allocations of 64 to 4096 MB, pmem and vmem checks off,
 * {@code yarn.resourcemanager.am.max-attempts=4}, container logs kept, NodeManager heartbeats
 * every 250 ms, ...), then the test's own {@link Builder#withHadoopConfig entries}, which win.
 *
 * <p><b>ZooKeeper.</b> An {@link EmbeddedZooKeeper} or a {@link ZooKeeperEnsemble} on free ports
 * of {@code 127.0.0.1}, data under the work directory, a tick of 500 ms and session timeouts
 * between 1 s and 60 s (so tests can ask for short sessions; change with
 * {@link Builder#withZooKeeperTickTime} and {@link Builder#withZooKeeperSessionTimeouts}). A server
 * that fails to start throws; ZooKeeper's own exit requests are made log-only (JVM-wide).
 *
 * <p><b>Failed tests.</b> After a test method fails, the container logs written during it are
 * printed to {@code System.out} (surefire keeps them in {@code target/surefire-reports/*-output.txt}).
 *
 * <p><b>Thread safety.</b> The extension is configured once through its {@link Builder} and is
 * immutable in that respect. JUnit calls the lifecycle methods from one thread; the accessors may
 * be called from any thread while the class's tests run and throw {@link IllegalStateException}
 * when the component was not requested or is not running. Test classes using this extension must
 * not run in parallel with each other in one JVM: the Hadoop mini clusters share JVM-wide state.
 */
public final class SpindleClusterExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final Logger LOG = LoggerFactory.getLogger(SpindleClusterExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SpindleClusterExtension.class);

    static {
        LoggingSetup.routeJulToLog4j();
    }

    private final ClusterSettings settings;
    private final String sharedName;

    // Running state, written by the JUnit thread at start/stop.
    private final AtomicInteger activeClasses = new AtomicInteger();
    private volatile Path workDir;
    private volatile TestZooKeeper zooKeeper;
    private volatile TestHadoop hadoop;

    private SpindleClusterExtension(ClusterSettings settings, String sharedName) {
        this.settings = settings;
        this.sharedName = sharedName;
    }

    /** A builder with nothing enabled; enable the components the test class needs. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (sharedName != null) {
            startShared(context);
            return;
        }
        if (activeClasses.getAndIncrement() > 0) {
            return; // a @Nested class of the class that started the clusters
        }
        start(context.getRequiredTestClass().getSimpleName());
    }

    /** Starts the shared clusters unless they run, and has JUnit stop them when the test run ends. */
    private synchronized void startShared(ExtensionContext context) throws Exception {
        if (hadoop != null || zooKeeper != null) {
            return;
        }
        start(sharedName);
        context.getRoot().getStore(NAMESPACE).put("shared-" + sharedName,
                (ExtensionContext.Store.CloseableResource) this::stopShared);
    }

    private synchronized void stopShared() throws Exception {
        long startNanos = System.nanoTime();
        Exception failure = stopAll();
        LOG.info("Shared test clusters {} stopped in {} ms", sharedName, (System.nanoTime() - startNanos) / 1_000_000);
        if (failure != null) {
            throw failure;
        }
    }

    private void start(String name) throws Exception {
        long startNanos = System.nanoTime();
        try {
            workDir = WorkDirs.prepare(name);
            zooKeeper = TestZooKeeper.start(settings, workDir);
            hadoop = TestHadoop.start(settings, workDir);
        } catch (Exception | Error e) {
            activeClasses.set(0);
            Exception stopFailure = stopAll();
            if (stopFailure != null) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        LOG.info("Test clusters for {} started in {} ms: {}", name, (System.nanoTime() - startNanos) / 1_000_000,
                describe());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (sharedName != null) {
            return; // stopped when the test run ends
        }
        if (activeClasses.get() == 0) {
            return; // start failed and cleaned up already
        }
        if (activeClasses.decrementAndGet() > 0) {
            return;
        }
        long startNanos = System.nanoTime();
        Exception failure = stopAll();
        LOG.info("Test clusters for {} stopped in {} ms", context.getRequiredTestClass().getSimpleName(),
                (System.nanoTime() - startNanos) / 1_000_000);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NAMESPACE).put("started", Instant.now());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        TestHadoop h = hadoop;
        if (context.getExecutionException().isEmpty() || h == null || h.yarn() == null) {
            return;
        }
        FailedTestLogs.print(h.yarn().cluster(), context.getDisplayName(),
                context.getStore(NAMESPACE).get("started", Instant.class));
    }

    /** Stops everything that runs, in reverse start order; returns the first failure with the rest suppressed. */
    private Exception stopAll() {
        Failures failures = new Failures();
        TestHadoop h = hadoop;
        hadoop = null;
        if (h != null) {
            failures.add(h.close());
        }
        TestZooKeeper zk = zooKeeper;
        zooKeeper = null;
        if (zk != null) {
            failures.run(zk::close);
        }
        return failures.first();
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        TestZooKeeper zk = zooKeeper;
        if (zk != null) {
            sb.append("zookeeper=").append(zk.connectString()).append(' ');
        }
        TestHadoop h = hadoop;
        if (h != null && h.hdfs() != null) {
            sb.append("hdfs=").append(h.hdfs().uri()).append(' ');
        }
        if (h != null && h.yarn() != null) {
            sb.append("rm=").append(h.conf().get(YarnConfiguration.RM_ADDRESS)).append(' ');
        }
        return sb.append("workDir=").append(workDir).toString();
    }

    // ---------------------------------------------------------------- accessors

    /** The ZooKeeper connect string ({@code host:port[,host:port...]}) of the server or ensemble. */
    public String zooKeeperConnectString() {
        return require(zooKeeper, "ZooKeeper").connectString();
    }

    /**
     * The single ZooKeeper server ({@link Builder#withZooKeeper()}). Tests may {@code stop()} and
     * {@code restart()} it (it keeps its port and data); do not {@code close()} it.
     */
    public EmbeddedZooKeeper zooKeeperServer() {
        TestZooKeeper zk = zooKeeper;
        return require(zk == null ? null : zk.server(), "ZooKeeper server (withZooKeeper())");
    }

    /**
     * The ZooKeeper ensemble ({@link Builder#withZooKeeperEnsemble(int)}). Tests may stop and restart
     * its members ({@code memberServing(sessionId)}, {@code members().get(i).stop()/restart()}); do
     * not {@code close()} it.
     */
    public ZooKeeperEnsemble zooKeeperEnsemble() {
        TestZooKeeper zk = zooKeeper;
        return require(zk == null ? null : zk.ensemble(), "ZooKeeper ensemble (withZooKeeperEnsemble(n))");
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
        return require(workDir, "the extension (not started)");
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

    private TestHadoop hadoop(String what) {
        return require(hadoop, what);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException(what + " is not running: enable it on the builder and use it "
                    + "between beforeAll and afterAll");
        }
        return value;
    }

    // ---------------------------------------------------------------- builder

    /**
     * Configures a {@link SpindleClusterExtension}. Not thread-safe; build once, in a static
     * initializer.
     */
    public static final class Builder {

        private ZooKeeperMode zooKeeperMode = ZooKeeperMode.NONE;
        private int ensembleSize;
        private ZooKeeperSettings zooKeeperSettings = ZooKeeperSettings.defaults();
        private boolean hdfs;
        private int nodeManagers;
        private final Map<String, String> hadoopConfig = new LinkedHashMap<>();
        private String sharedName;

        private Builder() {
        }

        /** One standalone ZooKeeper server ({@link EmbeddedZooKeeper}). */
        public Builder withZooKeeper() {
            zooKeeperMode = ZooKeeperMode.SERVER;
            ensembleSize = 1;
            return this;
        }

        /** A ZooKeeper ensemble of {@code size} servers ({@link ZooKeeperEnsemble}), in this JVM. */
        public Builder withZooKeeperEnsemble(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("ensemble size must be at least 1: " + size);
            }
            zooKeeperMode = ZooKeeperMode.ENSEMBLE;
            ensembleSize = size;
            return this;
        }

        /** ZooKeeper's tick time (default 500 ms); the session bounds stay 1 s to 60 s unless set. */
        public Builder withZooKeeperTickTime(Duration tickTime) {
            zooKeeperSettings = zooKeeperSettings.withTickTime(tickTime);
            return this;
        }

        /**
         * The session timeouts the ZooKeeper servers accept (a client's requested timeout is clamped to
         * this range). Default: 1 s to 60 s.
         */
        public Builder withZooKeeperSessionTimeouts(Duration min, Duration max) {
            zooKeeperSettings = zooKeeperSettings.withSessionTimeouts(min, max);
            return this;
        }

        /** A MiniDFSCluster with one DataNode; with YARN, it becomes YARN's {@code fs.defaultFS}. */
        public Builder withHdfs() {
            hdfs = true;
            return this;
        }

        /**
         * A MiniYARNCluster with one ResourceManager and {@code nodeManagers} NodeManagers, whose
         * containers run as real processes. With {@link #withHdfs()}, its {@code fs.defaultFS} is the
         * MiniDFSCluster; without, the local file system.
         */
        public Builder withYarn(int nodeManagers) {
            if (nodeManagers < 1) {
                throw new IllegalArgumentException("need at least one NodeManager: " + nodeManagers);
            }
            this.nodeManagers = nodeManagers;
            return this;
        }

        /** A Hadoop configuration entry for HDFS and YARN; applied after, and winning over, the defaults. */
        public Builder withHadoopConfig(String key, String value) {
            hadoopConfig.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** Hadoop configuration entries; see {@link #withHadoopConfig(String, String)}. */
        public Builder withHadoopConfig(Map<String, String> entries) {
            entries.forEach(this::withHadoopConfig);
            return this;
        }

        /**
         * Lets several test classes register the built instance and share its clusters, which then
         * run from the first of those classes to the end of the test run (see the class comment).
         *
         * @param name names the work directory, {@code target/spindle-it/<name>/}
         */
        public Builder sharedAcrossClasses(String name) {
            this.sharedName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The extension; register it with {@code @RegisterExtension} on a static field. */
        public SpindleClusterExtension build() {
            return new SpindleClusterExtension(new ClusterSettings(zooKeeperMode, ensembleSize, zooKeeperSettings,
                    hdfs, nodeManagers, hadoopConfig), sharedName);
        }
    }
}
