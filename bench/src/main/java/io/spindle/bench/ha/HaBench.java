package io.spindle.bench.ha;

import io.spindle.configuration.Configuration;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.zookeeper.ZooKeeperLeaderElection;
import io.spindle.ha.zookeeper.ZooKeeperLeaderFence;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code spindle ha bench}: measures Spindle's HA services on a real ZooKeeper and storageDir and
 * prints one line per {@link Figure}, after header lines starting with {@code #} that say when,
 * on what machine, against which ZooKeeper and storageDir, and with which settings.
 *
 * <p>Figures, in this order: {@code takeover_kill9_standalone_ms}, {@code takeover_kill9_preempt_ms},
 * {@code handover_graceful_ms} ({@link ElectionBench}); {@code put_<n>_ops_per_s},
 * {@code put_<n>_concurrent_ops_per_s}, {@code put_<n>_async_ops_per_s}, {@code recover_<m>_ms}, {@code remove_<m>_ms}
 * ({@link PointerStoreBench}); {@code counter_ops_per_s} ({@link CounterBench}). {@code <n>} and
 * {@code <m>} are the operation counts ({@code 10k}, {@code 1000} by default).
 *
 * <p>Everything the bench creates lives under its own unique cluster-id (znodes under the root
 * znode, a folder in storageDir) and in a temporary folder, and is removed at the end, also when a
 * measurement fails or the JVM is stopped (a shutdown hook).
 *
 * <p>Not thread-safe; one run at a time per instance.
 */
public final class HaBench {

    private static final Logger LOG = LoggerFactory.getLogger(HaBench.class);

    private final HaBenchSettings settings;
    private final Configuration clientConf;
    private final PrintWriter out;

    /**
     * @param settings   what to measure
     * @param clientConf the user's configuration; only its ZooKeeper client security settings
     *                   (SASL, ACL) are used, and only with a given quorum
     * @param out        where the header and figure lines go; flushed after each line
     */
    public HaBench(HaBenchSettings settings, Configuration clientConf, PrintWriter out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clientConf = Objects.requireNonNull(clientConf, "clientConf");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * A bench with default client settings.
     *
     * @param settings what to measure
     * @param out      where the header and figure lines go; flushed after each line
     */
    public HaBench(HaBenchSettings settings, PrintWriter out) {
        this(settings, Configuration.empty(), out);
    }

    /**
     * Runs every measurement and prints each figure as soon as it is known.
     *
     * @return the figures, in the order printed
     * @throws Exception if a measurement failed; what was created is removed all the same
     */
    public List<Figure> run() throws Exception {
        List<Figure> figures = new ArrayList<>();
        BenchEnvironment env = BenchEnvironment.open(settings, clientConf);
        Thread cleanup = new Thread(env::close, "ha-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            header(env);
            ElectionBench elections = new ElectionBench(env, settings);
            print(figures, elections.takeoverStandalone());
            print(figures, elections.takeoverPreempt());
            print(figures, elections.gracefulHandover());
            storeAndCounter(env, figures);
            return figures;
        } finally {
            env.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (and finds nothing left to do)
            }
        }
    }

    private void storeAndCounter(BenchEnvironment env, List<Figure> figures) throws Exception {
        String scope = PointerStoreBench.scope();
        CuratorFramework leaderClient = env.startClient(scope);
        GrantRecorder leader = new GrantRecorder("store-leader");
        ExecutorService io = Executors.newFixedThreadPool(4, PointerStoreBench.daemon("bench-store-io"));
        try (ZooKeeperLeaderElection election = new ZooKeeperLeaderElection(leaderClient, "store-leader", leader,
                ParticipantFinishedPredicate.NEVER, settings.preemptionInterval())) {
            election.start("", "");
            ZooKeeperLeaderFence fence = ZooKeeperLeaderFence.of(leader.await(Duration.ofSeconds(60)).session().fence());
            PointerStoreBench store = new PointerStoreBench(env, settings, leaderClient, fence, io);
            store.warmUp();
            print(figures, store.putOneWriter());
            print(figures, store.putConcurrent());
            print(figures, store.putAsyncOneWriter());
            print(figures, store.recover());
            print(figures, store.remove());
            print(figures, new CounterBench(settings, leaderClient, fence).counter());
            if (!fence.isValid()) {
                throw new IllegalStateException("The bench's leader lost its leadership during the measurements: "
                        + "the figures are not valid");
            }
        } finally {
            io.shutdownNow();
            io.awaitTermination(10, TimeUnit.SECONDS);
            leaderClient.close();
        }
    }

    private void header(BenchEnvironment env) throws Exception {
        int negotiated;
        CuratorFramework probe = env.startClient("");
        try {
            negotiated = probe.getZookeeperClient().getZooKeeper().getSessionTimeout();
        } finally {
            probe.close();
        }
        Runtime rt = Runtime.getRuntime();
        line("# spindle ha bench, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("# machine: " + rt.availableProcessors() + " cores" + memory() + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", max heap "
                + rt.maxMemory() / (1024 * 1024) + " MiB)" + loadAverage());
        line("# zookeeper: " + env.zooKeeper().description());
        line("# storageDir: " + env.storage().clusterDir() + (env.temporaryStorage() ? " (temporary local folder)" : "")
                + ", state files " + (settings.fileSync() ? "fsynced" : "not fsynced") + " before their pointer is written");
        line("# cluster-id: " + settings.zooKeeperRoot() + "/" + env.clusterId() + " (removed at the end)");
        line("# session timeout " + settings.sessionTimeout().toMillis() + " ms (negotiated " + negotiated
                + " ms), preemption interval " + settings.preemptionInterval().toMillis() + " ms, runs "
                + settings.runs());
        line("# store: " + settings.payloadBytes() + "-byte files, " + settings.writerThreads()
                + " writer threads in the concurrent put, " + settings.putWindow() + " puts in flight in the async put,"
                + " counter block size " + settings.counterBlockSize());
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "" : String.format(Locale.ROOT, ", load average %.2f at start", load);
    }

    private static String memory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return String.format(Locale.ROOT, ", %.1f GiB RAM", sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return "";
    }

    private void print(List<Figure> figures, Figure figure) {
        figures.add(figure);
        LOG.info("Figure: {}", figure.format());
        line(figure.format());
    }

    private void line(String text) {
        out.println(text);
        out.flush();
    }
}
