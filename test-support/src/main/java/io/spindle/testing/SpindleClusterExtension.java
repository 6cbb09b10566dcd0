package io.spindle.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
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
 * JUnit 5 extension that runs real ZooKeeper, HDFS and YARN for the tests of one class.
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
 * never exits the JVM (see the ZooKeeper note below). Stopping is bounded: YARN kills its running
 * containers, and any container process still alive after the NodeManagers stop is killed with
 * SIGKILL, so no process outlives the class.
 *
 * <p><b>Work directory.</b> Each class gets {@code <module>/target/spindle-it/<TestClassSimpleName>/}
 * ({@link #workDir()}), emptied at start and kept after the class: the YARN mini cluster lives in
 * {@code yarn/} (NodeManager local dirs and container logs, which are kept for
 * debugging: {@code yarn.nodemanager.log.retain-seconds=0} plus a long
 * {@code yarn.nodemanager.delete.debug-delay-sec}), ZooKeeper data in {@code zk*}, and the written
 * Hadoop configuration in {@code hadoop-conf/} ({@link #hadoopConfDir()}). HDFS data is deleted at
 * stop.
 *
 * <p><b>YARN settings</b> applied before the test's own {@link Builder#withHadoopConfig entries}
 * (which win): the capacity scheduler's {@code root.default} queue at 100% (the shaded jars ship
 * no {@code capacity-scheduler.xml}); {@code yarn.scheduler.minimum-allocation-mb=64} and a
 * maximum of 4096 (each NodeManager offers 4096 MB unless
 * {@code yarn.minicluster.yarn.nodemanager.resource.memory-mb} says otherwise); pmem and vmem checks
 * off; {@code yarn.resourcemanager.am.max-attempts=4} (a submission may ask for fewer); no log
 * aggregation; disk health checks that tolerate a nearly full disk; NodeManager heartbeats every
 * 250 ms so allocations and attempt restarts are quick.
 *
 * <p><b>ZooKeeper.</b> Curator's {@link TestingServer} or {@link TestingCluster}, with ports chosen
 * by Curator, data under the work directory, a default tick time of 500 ms and session timeouts
 * between 1 s and 60 s (so tests can ask for short sessions; change with
 * {@link Builder#withZooKeeperTickTime} and {@link Builder#withZooKeeperSessionTimeouts}). A server
 * that fails to start throws instead of calling {@code System.exit}: curator-test is switched to its
 * in-process runners and ZooKeeper's exit requests are made log-only (JVM-wide).
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
    private static final Object HADOOP_START_LOCK = new Object();
    private static final Duration NODE_MANAGER_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROCESS_KILL_TIMEOUT = Duration.ofSeconds(10);

    static {
        LoggingSetup.routeJulToLog4j();
    }

    private enum ZooKeeperMode { NONE, SERVER, ENSEMBLE }

    // Settings, fixed at build time.
    private final ZooKeeperMode zooKeeperMode;
    private final int ensembleSize;
    private final int tickTimeMs;
    private final Map<String, Object> zooKeeperProperties;
    private final boolean hdfs;
    private final int nodeManagers;
    private final Map<String, String> hadoopConfig;

    // Running state, written by the JUnit thread at start/stop.
    private final AtomicInteger activeClasses = new AtomicInteger();
    private volatile Path workDir;
    private volatile TestingServer zooKeeperServer;
    private volatile TestingCluster zooKeeperEnsemble;
    private volatile MiniDFSCluster dfsCluster;
    private volatile MiniYARNCluster yarnCluster;
    private volatile Configuration conf;
    private volatile FileSystem fileSystem;
    private volatile YarnClient yarnClient;
    private volatile Path hadoopConfDir;

    private SpindleClusterExtension(Builder builder) {
        this.zooKeeperMode = builder.zooKeeperMode;
        this.ensembleSize = builder.ensembleSize;
        this.tickTimeMs = builder.tickTimeMs;
        Map<String, Object> zk = new LinkedHashMap<>();
        zk.put("minSessionTimeout", Integer.toString(builder.minSessionTimeoutMs));
        zk.put("maxSessionTimeout", Integer.toString(builder.maxSessionTimeoutMs));
        zk.putAll(builder.zooKeeperProperties);
        this.zooKeeperProperties = Map.copyOf(zk);
        this.hdfs = builder.hdfs;
        this.nodeManagers = builder.nodeManagers;
        this.hadoopConfig = Map.copyOf(builder.hadoopConfig);
    }

    /** A builder with nothing enabled; enable the components the test class needs. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (activeClasses.getAndIncrement() > 0) {
            return; // a @Nested class of the class that started the clusters
        }
        Class<?> testClass = context.getRequiredTestClass();
        long startNanos = System.nanoTime();
        try {
            start(testClass);
        } catch (Exception | Error e) {
            activeClasses.set(0);
            stopAll(e);
            throw e;
        }
        LOG.info("Test clusters for {} started in {} ms: {}", testClass.getSimpleName(),
                (System.nanoTime() - startNanos) / 1_000_000, describe());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (activeClasses.get() == 0) {
            return; // start failed and cleaned up already
        }
        if (activeClasses.decrementAndGet() > 0) {
            return;
        }
        long startNanos = System.nanoTime();
        Exception failure = stopAll(null);
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
        if (context.getExecutionException().isEmpty() || yarnCluster == null) {
            return;
        }
        Instant started = context.getStore(NAMESPACE).get("started", Instant.class);
        Instant since = (started == null ? Instant.EPOCH : started).minusSeconds(1);
        try {
            List<Path> files = ContainerLogs.files(yarnCluster, since);
            PrintStream out = System.out;
            out.println("===== " + context.getDisplayName() + " failed; container logs written during it: "
                    + files.size() + " files =====");
            ContainerLogs.dump(files, out, ContainerLogs.DEFAULT_TAIL_BYTES);
        } catch (RuntimeException e) {
            LOG.warn("Could not dump container logs", e);
        }
    }

    private void start(Class<?> testClass) throws Exception {
        workDir = prepareWorkDir(testClass);
        Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir")));

        switch (zooKeeperMode) {
            case SERVER -> zooKeeperServer =
                    ZooKeeperServers.startServer(workDir.resolve("zk"), tickTimeMs, zooKeeperProperties);
            case ENSEMBLE -> zooKeeperEnsemble =
                    ZooKeeperServers.startEnsemble(workDir, ensembleSize, tickTimeMs, zooKeeperProperties);
            case NONE -> { }
        }

        if (!hdfs && nodeManagers == 0) {
            return;
        }
        Configuration c = new YarnConfiguration();
        c.set("hadoop.tmp.dir", workDir.resolve("hadoop-tmp").toString());
        applyHdfsDefaults(c);
        if (nodeManagers > 0) {
            applyYarnDefaults(c);
        }
        hadoopConfig.forEach(c::set);

        synchronized (HADOOP_START_LOCK) {
            DefaultMetricsSystem.setMiniClusterMode(true);
            if (hdfs) {
                long t0 = System.nanoTime();
                dfsCluster = new MiniDFSCluster.Builder(c, workDir.resolve("hdfs").toFile())
                        .numDataNodes(1)
                        .build();
                dfsCluster.waitActive();
                c.set(FileSystem.FS_DEFAULT_NAME_KEY, dfsCluster.getURI().toString());
                LOG.info("MiniDFSCluster started in {} ms", (System.nanoTime() - t0) / 1_000_000);
            }
            if (nodeManagers > 0) {
                long t0 = System.nanoTime();
                c = startYarn(c);
                LOG.info("MiniYARNCluster started in {} ms", (System.nanoTime() - t0) / 1_000_000);
            }
        }
        conf = c;
        if (hdfs) {
            fileSystem = FileSystem.newInstance(dfsCluster.getURI(), new Configuration(c));
        }
        if (nodeManagers > 0) {
            YarnClient client = YarnClient.createYarnClient();
            client.init(new YarnConfiguration(c));
            client.start();
            yarnClient = client;
        }
        hadoopConfDir = HadoopConfFiles.write(c, workDir.resolve("hadoop-conf"));
    }

    private Configuration startYarn(Configuration c) throws Exception {
        // MiniYARNCluster puts its directories under ${test.build.data}/<name>; point it at ours.
        String previous = System.getProperty("test.build.data");
        MiniYARNCluster cluster;
        try {
            System.setProperty("test.build.data", workDir.toString());
            cluster = new MiniYARNCluster("yarn", 1, nodeManagers, 1, 1);
        } finally {
            if (previous == null) {
                System.clearProperty("test.build.data");
            } else {
                System.setProperty("test.build.data", previous);
            }
        }
        yarnCluster = cluster;
        cluster.init(c);
        cluster.start();
        if (!cluster.waitForNodeManagersToConnect(NODE_MANAGER_CONNECT_TIMEOUT.toMillis())) {
            throw new IllegalStateException(nodeManagers + " NodeManagers did not register within "
                    + NODE_MANAGER_CONNECT_TIMEOUT);
        }
        YarnConfiguration started = new YarnConfiguration(cluster.getConfig());
        InetSocketAddress rm = started.getSocketAddr(YarnConfiguration.RM_ADDRESS,
                YarnConfiguration.DEFAULT_RM_ADDRESS, YarnConfiguration.DEFAULT_RM_PORT);
        if (rm.getPort() == 0) {
            throw new IllegalStateException("ResourceManager address not published: " + rm);
        }
        return started;
    }

    private static void applyHdfsDefaults(Configuration c) {
        c.setInt("dfs.replication", 1);
        c.setBoolean("dfs.client.block.write.replace-datanode-on-failure.enable", false);
    }

    private static void applyYarnDefaults(Configuration c) {
        c.set("yarn.scheduler.capacity.root.queues", "default");
        c.set("yarn.scheduler.capacity.root.default.capacity", "100");
        c.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
        c.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
        c.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
        c.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        c.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 0);
        c.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 24 * 3600);
        c.setBoolean(YarnConfiguration.LOG_AGGREGATION_ENABLED, false);
        c.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 4);
        c.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
        c.setLong(YarnConfiguration.NM_MIN_PER_DISK_FREE_SPACE_MB, 0);
        c.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 250);
        c.setBoolean(YarnConfiguration.TIMELINE_SERVICE_ENABLED, false);
        c.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 2000);
    }

    /** Stops everything that runs, in reverse start order; returns the first failure with the rest suppressed. */
    private Exception stopAll(Throwable startFailure) {
        List<Exception> failures = new ArrayList<>();
        YarnClient client = yarnClient;
        yarnClient = null;
        if (client != null) {
            run(failures, client::stop);
        }
        FileSystem fs = fileSystem;
        fileSystem = null;
        if (fs != null) {
            run(failures, fs::close);
        }
        MiniYARNCluster yarn = yarnCluster;
        yarnCluster = null;
        if (yarn != null) {
            run(failures, () -> stopYarn(yarn));
        }
        MiniDFSCluster dfs = dfsCluster;
        dfsCluster = null;
        if (dfs != null) {
            run(failures, () -> dfs.shutdown(true));
        }
        TestingServer server = zooKeeperServer;
        zooKeeperServer = null;
        if (server != null) {
            run(failures, server::close);
        }
        TestingCluster ensemble = zooKeeperEnsemble;
        zooKeeperEnsemble = null;
        if (ensemble != null) {
            run(failures, ensemble::close);
        }
        conf = null;
        if (failures.isEmpty()) {
            return null;
        }
        Exception first = failures.get(0);
        failures.subList(1, failures.size()).forEach(first::addSuppressed);
        if (startFailure != null) {
            failures.forEach(startFailure::addSuppressed);
        }
        return first;
    }

    private static void stopYarn(MiniYARNCluster yarn) {
        List<ProcessHandle> containerProcesses = new ArrayList<>();
        try {
            for (long pid : ContainerProcesses.allPids(yarn)) {
                containerProcesses.addAll(ContainerProcesses.processTree(pid));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not list container processes before stopping YARN", e);
        }
        forgetUnregisteredAppMasters(yarn);
        yarn.stop();
        List<ProcessHandle> survivors = containerProcesses.stream().filter(ProcessHandle::isAlive).toList();
        if (!survivors.isEmpty()) {
            LOG.warn("Killing {} container processes that outlived the NodeManagers: {}", survivors.size(),
                    survivors.stream().map(ProcessHandle::pid).toList());
            ContainerProcesses.kill(survivors, PROCESS_KILL_TIMEOUT);
        }
    }

    /**
     * MiniYARNCluster remembers every AM that registered until it unregisters, and its stop waits
     * 5 s for that list to empty. AMs killed by a test never unregister, so forget them: by now
     * the test has waited for what it needs, and stopping the NodeManagers ends what still runs.
     */
    private static void forgetUnregisteredAppMasters(MiniYARNCluster yarn) {
        try {
            Field field = MiniYARNCluster.class.getDeclaredField("appMasters");
            field.setAccessible(true);
            Object appMasters = field.get(yarn);
            if (appMasters instanceof Map<?, ?> map && !map.isEmpty()) {
                LOG.debug("Forgetting app masters that never unregistered: {}", map.keySet());
                map.clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot clear MiniYARNCluster's app master list; its stop may wait 5 s", e);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void run(List<Exception> failures, Action action) {
        try {
            action.run();
        } catch (Exception e) {
            failures.add(e);
        } catch (Error e) {
            failures.add(new RuntimeException(e));
        }
    }

    private static Path prepareWorkDir(Class<?> testClass) throws IOException {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        Path root = Paths.get(basedir, "target", "spindle-it").toAbsolutePath().normalize();
        Path dir = root.resolve(testClass.getSimpleName());
        deleteRecursively(dir);
        Files.createDirectories(dir);
        return dir;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        if (zooKeeperMode != ZooKeeperMode.NONE) {
            sb.append("zookeeper=").append(zooKeeperConnectString()).append(' ');
        }
        if (dfsCluster != null) {
            sb.append("hdfs=").append(dfsCluster.getURI()).append(' ');
        }
        if (yarnCluster != null) {
            sb.append("rm=").append(conf.get(YarnConfiguration.RM_ADDRESS)).append(' ');
        }
        return sb.append("workDir=").append(workDir).toString();
    }

    // ---------------------------------------------------------------- accessors

    /** The ZooKeeper connect string ({@code host:port[,host:port...]}) of the server or ensemble. */
    public String zooKeeperConnectString() {
        TestingServer server = zooKeeperServer;
        if (server != null) {
            return server.getConnectString();
        }
        TestingCluster ensemble = zooKeeperEnsemble;
        if (ensemble != null) {
            return ensemble.getConnectString();
        }
        throw notRunning("ZooKeeper");
    }

    /**
     * The single ZooKeeper server ({@link Builder#withZooKeeper()}). Tests may {@code stop()} and
     * {@code restart()} it (it keeps its port and data); do not {@code close()} it.
     */
    public TestingServer zooKeeperServer() {
        return require(zooKeeperServer, "ZooKeeper server (withZooKeeper())");
    }

    /**
     * The ZooKeeper ensemble ({@link Builder#withZooKeeperEnsemble(int)}). Tests may kill and restart
     * its servers ({@code killServer}, {@code restartServer}, {@code findConnectionInstance}); do not
     * {@code close()} it.
     */
    public TestingCluster zooKeeperEnsemble() {
        return require(zooKeeperEnsemble, "ZooKeeper ensemble (withZooKeeperEnsemble(n))");
    }

    /**
     * A new copy of the Hadoop configuration of the running clusters: with HDFS,
     * {@code fs.defaultFS} is the MiniDFSCluster; with YARN, it is the MiniYARNCluster's configuration
     * after start (ResourceManager addresses with their real ports, scheduler settings, and the HDFS
     * settings). The copy is the caller's to change. The object is a {@link YarnConfiguration}.
     */
    public Configuration hadoopConf() {
        return new YarnConfiguration(require(conf, "Hadoop (withHdfs() or withYarn(n))"));
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
        return require(fileSystem, "HDFS (withHdfs())");
    }

    /** The MiniDFSCluster (one NameNode, one DataNode). */
    public MiniDFSCluster dfsCluster() {
        return require(dfsCluster, "HDFS (withHdfs())");
    }

    /** The MiniYARNCluster (one ResourceManager, the requested NodeManagers). */
    public MiniYARNCluster yarnCluster() {
        return require(yarnCluster, "YARN (withYarn(n))");
    }

    /** A started {@link YarnClient} on the mini YARN cluster, shared and stopped by the extension; do not stop it. */
    public YarnClient yarnClient() {
        return require(yarnClient, "YARN (withYarn(n))");
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
        return require(hadoopConfDir, "Hadoop (withHdfs() or withYarn(n))");
    }

    /** Writes the clusters' Hadoop configuration as site files into {@code dir}; see {@link HadoopConfFiles}. */
    public Path writeHadoopConf(Path dir) {
        return HadoopConfFiles.write(require(conf, "Hadoop (withHdfs() or withYarn(n))"), dir);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw notRunning(what);
        }
        return value;
    }

    private static IllegalStateException notRunning(String what) {
        return new IllegalStateException(what + " is not running: enable it on the builder and use it "
                + "between beforeAll and afterAll");
    }

    // ---------------------------------------------------------------- builder

    /**
     * Configures a {@link SpindleClusterExtension}. Not thread-safe; build once, in a static
     * initializer.
     */
    public static final class Builder {

        private ZooKeeperMode zooKeeperMode = ZooKeeperMode.NONE;
        private int ensembleSize;
        private int tickTimeMs = 500;
        private int minSessionTimeoutMs = 1000;
        private int maxSessionTimeoutMs = 60_000;
        private final Map<String, Object> zooKeeperProperties = new LinkedHashMap<>();
        private boolean hdfs;
        private int nodeManagers;
        private final Map<String, String> hadoopConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /** One standalone ZooKeeper server (curator-test {@link TestingServer}). */
        public Builder withZooKeeper() {
            zooKeeperMode = ZooKeeperMode.SERVER;
            ensembleSize = 1;
            return this;
        }

        /** A ZooKeeper ensemble of {@code size} servers (curator-test {@link TestingCluster}), in this JVM. */
        public Builder withZooKeeperEnsemble(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("ensemble size must be at least 1: " + size);
            }
            zooKeeperMode = ZooKeeperMode.ENSEMBLE;
            ensembleSize = size;
            return this;
        }

        /**
         * ZooKeeper's tick time (default 500 ms). The server's session timeout bounds default to
         * 2 and 20 ticks unless set with {@link #withZooKeeperSessionTimeouts}; this extension sets
         * them to 1 s and 60 s by default.
         */
        public Builder withZooKeeperTickTime(Duration tickTime) {
            long ms = tickTime.toMillis();
            if (ms < 1 || ms > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tick time out of range: " + tickTime);
            }
            tickTimeMs = (int) ms;
            return this;
        }

        /**
         * The session timeouts the ZooKeeper servers accept (a client's requested timeout is clamped to
         * this range). Default: 1 s to 60 s.
         */
        public Builder withZooKeeperSessionTimeouts(Duration min, Duration max) {
            if (min.isNegative() || min.compareTo(max) > 0) {
                throw new IllegalArgumentException("bad session timeout range: " + min + ".." + max);
            }
            minSessionTimeoutMs = Math.toIntExact(min.toMillis());
            maxSessionTimeoutMs = Math.toIntExact(max.toMillis());
            return this;
        }

        /** Any other ZooKeeper server setting, as in {@code zoo.cfg} (e.g. {@code globalOutstandingLimit}). */
        public Builder withZooKeeperProperty(String key, Object value) {
            zooKeeperProperties.put(Objects.requireNonNull(key), Objects.requireNonNull(value).toString());
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

        /** The extension; register it with {@code @RegisterExtension} on a static field. */
        public SpindleClusterExtension build() {
            return new SpindleClusterExtension(this);
        }
    }
}
