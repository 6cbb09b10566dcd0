package io.spindle.bench.ha;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.ha.zookeeper.ZooKeeperLeaderFence;
import io.spindle.ha.zookeeper.ZooKeeperPointerStore;
import io.spindle.ha.storage.StatePointer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pointer store figures, all through {@link ZooKeeperPointerStore} with a
 * {@link ChecksummedFileStore} in storageDir and the fence of a real leader session.
 *
 * <ul>
 *   <li>{@code put_<n>_ops_per_s}: one thread calls {@link ZooKeeperPointerStore#put} n times in turn.</li>
 *   <li>{@code put_<n>_concurrent_ops_per_s}: several threads call {@code put}, n calls in total.</li>
 *   <li>{@code put_<n>_async_ops_per_s}: one thread calls {@link ZooKeeperPointerStore#putAsync} n
 *       times, keeping up to {@link HaBenchSettings#putWindow()} puts in flight (ZooKeeper pipelines
 *       them and writes one log sync for many).</li>
 *   <li>{@code recover_<m>_ms}: m entries are written (not timed); then a new ZooKeeper session
 *       with a new store times {@link ZooKeeperPointerStore#recoverAll()}: list, read every
 *       pointer, read and verify every file.</li>
 *   <li>{@code remove_<m>_ms}: m entries are written (not timed); the leader's store times
 *       {@link ZooKeeperPointerStore#removeAll}: every pointer deleted (fenced), then every file.</li>
 * </ul>
 *
 * <p>Each run uses a fresh folder ({@code /checkpoints/<figure>-<run>/completed} in ZooKeeper,
 * {@code store/<figure>-<run>} in storageDir) and removes its entries afterwards, untimed, so
 * that every run starts from the same state. Before the first put figure a short untimed warm-up
 * runs the same code. Not thread-safe; one instance per bench.
 */
final class PointerStoreBench {

    private static final Logger LOG = LoggerFactory.getLogger(PointerStoreBench.class);
    private static final String SCOPE = "store";

    private final BenchEnvironment env;
    private final HaBenchSettings settings;
    private final CuratorFramework leaderClient;
    private final ZooKeeperLeaderFence fence;
    private final ExecutorService io;
    private final byte[] payload;

    /**
     * @param leaderClient the leader's client in the store scope
     * @param fence        the leader's fence
     * @param io           the stores' I/O executor
     */
    PointerStoreBench(BenchEnvironment env, HaBenchSettings settings, CuratorFramework leaderClient,
                      ZooKeeperLeaderFence fence, ExecutorService io) {
        this.env = env;
        this.settings = settings;
        this.leaderClient = leaderClient;
        this.fence = fence;
        this.io = io;
        this.payload = new byte[settings.payloadBytes()];
        new Random(42).nextBytes(payload);
    }

    /** The scope whose leader the caller must elect. */
    static String scope() {
        return SCOPE;
    }

    /**
     * Untimed puts (blocking and pipelined), a recovery and removals, so that the first timed run
     * does not pay for class loading and JIT compilation (on 2 cores the compiler competes with
     * the bench for a few thousand operations).
     */
    void warmUp() throws Exception {
        ZooKeeperPointerStore store = store(leaderClient, "warmup");
        int count = Math.min(2_000, Math.max(50, settings.puts() / 5));
        for (int i = 0; i < count; i++) {
            store.put(name(i), payload, fence);
        }
        store.recoverAll();
        store.removeAll(fence);
        fill(store, count);
        store.removeAll(fence);
    }

    /** @return {@code put_<n>_ops_per_s} */
    Figure putOneWriter() throws Exception {
        return putFigure("", store -> {
            for (int i = 0; i < settings.puts(); i++) {
                store.put(name(i), payload, fence);
            }
        });
    }

    /** @return {@code put_<n>_concurrent_ops_per_s} */
    Figure putConcurrent() throws Exception {
        int threads = settings.writerThreads();
        ExecutorService writers = Executors.newFixedThreadPool(threads, daemon("bench-writer"));
        try {
            return putFigure("concurrent", store -> {
                AtomicInteger nextIndex = new AtomicInteger();
                List<Future<?>> done = new ArrayList<>(threads);
                for (int t = 0; t < threads; t++) {
                    done.add(writers.submit(() -> {
                        for (int i = nextIndex.getAndIncrement(); i < settings.puts(); i = nextIndex.getAndIncrement()) {
                            store.put(name(i), payload, fence);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            });
        } finally {
            writers.shutdownNow();
        }
    }

    /** @return {@code put_<n>_async_ops_per_s} */
    Figure putAsyncOneWriter() throws Exception {
        return putFigure("async", store -> {
            Semaphore window = new Semaphore(settings.putWindow());
            List<CompletableFuture<StatePointer>> puts = new ArrayList<>(settings.puts());
            for (int i = 0; i < settings.puts(); i++) {
                window.acquire();
                CompletableFuture<StatePointer> put = store.putAsync(name(i), payload, fence);
                put.whenComplete((pointer, e) -> window.release());
                puts.add(put);
            }
            CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get();
        });
    }

    /** One run of a put figure: {@code settings.puts()} puts into an empty store, done when it returns. */
    private interface PutRun {
        void putAll(ZooKeeperPointerStore store) throws Exception;
    }

    /**
     * Times {@code putAll} {@code settings.runs()} times, each into a fresh folder that is checked
     * and emptied afterwards.
     *
     * @param kind what the figure's name says of the way of putting, or empty
     * @return {@code put_<n>[_<kind>]_ops_per_s}
     */
    private Figure putFigure(String kind, PutRun putAll) throws Exception {
        String tag = kind.isEmpty() ? "" : "-" + kind;
        List<Double> samples = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            ZooKeeperPointerStore store = store(leaderClient, "put" + tag + "-" + run);
            long start = System.nanoTime();
            putAll.putAll(store);
            samples.add(Figure.opsPerSecond(settings.puts(), System.nanoTime() - start));
            expectEntries(store, settings.puts());
            store.removeAll(fence);
        }
        return new Figure("put_" + Figure.countLabel(settings.puts()) + tag.replace('-', '_') + "_ops_per_s",
                Figure.OPS_PER_SECOND, samples);
    }

    /** @return {@code recover_<m>_ms} */
    Figure recover() throws Exception {
        List<Double> samples = new ArrayList<>();
        int count = settings.pointers();
        for (int run = 1; run <= settings.runs(); run++) {
            String folder = "recover-" + run;
            ZooKeeperPointerStore writer = store(leaderClient, folder);
            fill(writer, count);
            CuratorFramework fresh = env.startClient(SCOPE);
            try {
                ZooKeeperPointerStore reader = store(fresh, folder);
                long start = System.nanoTime();
                Recovered<byte[]> recovered = reader.recoverAll();
                long nanos = System.nanoTime() - start;
                if (recovered.entries().size() != count || !recovered.isComplete()) {
                    throw new IOException("Recovery of " + folder + " found " + recovered.entries().size() + " of " + count
                            + " entries, " + recovered.failures().size() + " unusable: " + recovered.failures().values());
                }
                for (byte[] data : recovered.entries().values()) {
                    if (!Arrays.equals(data, payload)) {
                        throw new IOException("Recovery of " + folder + " returned bytes that differ from those written");
                    }
                }
                samples.add(Figure.millis(nanos));
            } finally {
                fresh.close();
            }
            writer.removeAll(fence);
        }
        return new Figure("recover_" + Figure.countLabel(count) + "_ms", Figure.MILLIS, samples);
    }

    /** @return {@code remove_<m>_ms} */
    Figure remove() throws Exception {
        List<Double> samples = new ArrayList<>();
        int count = settings.pointers();
        for (int run = 1; run <= settings.runs(); run++) {
            ZooKeeperPointerStore store = store(leaderClient, "remove-" + run);
            fill(store, count);
            long start = System.nanoTime();
            int removed = store.removeAll(fence);
            long nanos = System.nanoTime() - start;
            if (removed != count) {
                throw new IOException("removeAll removed " + removed + " entries, not " + count);
            }
            expectEntries(store, 0);
            samples.add(Figure.millis(nanos));
        }
        return new Figure("remove_" + Figure.countLabel(count) + "_ms", Figure.MILLIS, samples);
    }

    private ZooKeeperPointerStore store(CuratorFramework client, String folder) {
        ChecksummedFileStore files = new ChecksummedFileStore(env.storage().fs(),
                new org.apache.hadoop.fs.Path(env.storageFolder(SCOPE), folder), settings.fileSync());
        return new ZooKeeperPointerStore(client, ZooKeeperLayout.completedCheckpoints(folder), files, io);
    }

    /** Writes {@code count} entries, pipelined (untimed set-up). */
    private void fill(ZooKeeperPointerStore store, int count) throws Exception {
        List<CompletableFuture<StatePointer>> puts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            puts.add(store.putAsync(name(i), payload, fence));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get();
    }

    private static void expectEntries(ZooKeeperPointerStore store, int count) throws Exception {
        int found = store.names().size();
        if (found != count) {
            throw new IOException("Expected " + count + " entries in " + store.folder() + ", found " + found);
        }
    }

    private static String name(int i) {
        return String.format("entry-%08d", i);
    }

    static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
