package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.PointerStore;
import io.spindle.ha.WriteOutcomeUnknownException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StatePointer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The ZooKeeper {@link PointerStore}: one child znode per entry under one folder (for example
 * {@link ZooKeeperLayout#JOBGRAPHS} or {@link ZooKeeperLayout#completedCheckpoints}), each holding
 * a {@link StatePointer} to the entry's file in storageDir.
 *
 * <p>Besides the guarantees of {@link PointerStore}:
 * <ul>
 *   <li>Every pointer write is a {@link ZooKeeperLeaderFence} transaction ({@link FencedPointerWrites}).
 *       The folder itself (and its parents) may be created unfenced; an empty folder is harmless.</li>
 *   <li>Uncertain writes are resolved, not guessed: when a pointer write fails in any way that may
 *       follow a lost answer (connection loss, and also a refusal by the fence, since Curator's
 *       retry of an applied request can be refused), an {@link UncertainWriteResolver} reads the
 *       pointer back (waiting up to {@code resolveWithin} for a connection). If it names the new
 *       file the write was applied and the call succeeds (even if leadership was lost meanwhile);
 *       if not, the new file is deleted and the failure thrown. If the pointer cannot be read back
 *       in time, the file is kept and the call throws {@link WriteOutcomeUnknownException}.</li>
 *   <li>Removes are resolved the same way: after such a failure the pointer is read back; if it no
 *       longer names the file, the remove was applied (or another instance removed the entry), the
 *       file is deleted and the call succeeds; if it still does, the call fails and the file stays;
 *       if it cannot be read back in time, the file stays and the call throws
 *       {@link WriteOutcomeUnknownException}.</li>
 * </ul>
 *
 * <p>This store remembers the pointer and znode version of the entries it wrote or read, so
 * {@link #remove} and {@link #replace} usually take one round trip. The fenced write checks the
 * version, so a stale memory (another instance changed the entry) is detected and the pointer
 * reread once. One case escapes the check: if another instance removed the entry and put it again
 * under the same name (the version restarts at 0), a remove or replace through the stale instance
 * removes or replaces that new entry, as asked, but leaves its file behind as an orphan. Use one
 * instance per folder and leader session to avoid even that.
 *
 * <p>Thread-safe. The blocking methods may be interrupted; the operation then continues in the
 * background and its outcome is unknown to the caller. ZooKeeper callbacks never block: file I/O
 * runs on the {@code ioExecutor}, or, for the blocking methods, on the calling thread, which may
 * then be one of the {@code ioExecutor}'s own ({@link WaitingThreadExecutor}). Fences must come from {@link ZooKeeperLeaderElection} (or be
 * {@link ZooKeeperLeaderFence}s); others are refused with {@link IllegalArgumentException}.
 */
public final class ZooKeeperPointerStore implements PointerStore {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperPointerStore.class);

    private final PointerZnodes znodes;
    private final ChecksummedFileStore files;
    private final Executor ioExecutor;
    private final PipelinedPointerReader reader;
    private final ConcurrentMap<String, PointerZnodes.Known> known = new ConcurrentHashMap<>();
    private final FencedPointerWrites writes;

    /** How long a write whose answer was lost waits for ZooKeeper to read the outcome back, by default. */
    public static final Duration DEFAULT_RESOLVE_WITHIN = Duration.ofSeconds(60);

    /**
     * A store that resolves uncertain writes within {@link #DEFAULT_RESOLVE_WITHIN}.
     *
     * @param client     the started client (the cluster's namespace)
     * @param folder     the znode folder of the pointers, absolute, e.g. {@link ZooKeeperLayout#JOBGRAPHS}
     * @param files      where the bytes go
     * @param ioExecutor runs file reads and deletes; bounded, and never running tasks on the
     *                   submitting thread (that would be a ZooKeeper callback thread); owned by the caller
     */
    public ZooKeeperPointerStore(CuratorFramework client, String folder, ChecksummedFileStore files, Executor ioExecutor) {
        this(client, folder, files, ioExecutor, DEFAULT_RESOLVE_WITHIN);
    }

    /**
     * @param resolveWithin how long a write whose answer was lost waits for a connection to read its
     *                      outcome back; after that it throws {@link WriteOutcomeUnknownException}
     *                      and keeps its file
     * @see #ZooKeeperPointerStore(CuratorFramework, String, ChecksummedFileStore, Executor)
     */
    public ZooKeeperPointerStore(CuratorFramework client, String folder, ChecksummedFileStore files, Executor ioExecutor,
                                 Duration resolveWithin) {
        this.znodes = new PointerZnodes(Objects.requireNonNull(client, "client"), folder);
        this.files = Objects.requireNonNull(files, "files");
        this.ioExecutor = Objects.requireNonNull(ioExecutor, "ioExecutor");
        this.reader = new PipelinedPointerReader(znodes, files, ioExecutor);
        this.writes = new FencedPointerWrites(znodes, files, new UncertainWriteResolver(znodes, files, resolveWithin), known);
    }

    /** @return the znode folder of the pointers */
    public String folder() {
        return znodes.folder();
    }

    @Override
    public String area() {
        return znodes.folder();
    }

    // ------------------------------------------------------------------ writes

    @Override
    public StatePointer put(String name, byte[] data, LeaderFence fence)
            throws IOException, LeadershipLostException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        ZooKeeperLeaderFence zk = checkFence(fence, "put of " + node(name));
        StatePointer pointer = files.write(name, data);
        WaitingThreadExecutor here = new WaitingThreadExecutor(ioExecutor); // this thread may be one of ioExecutor's
        return ZooKeeperFailures.await(here.runUntilDone(writes.create(name, pointer, zk, here)), "put of " + node(name));
    }

    /**
     * As {@link #put} without blocking the caller: the file is written on the {@code ioExecutor},
     * and many puts may be in flight at once (ZooKeeper pipelines them).
     *
     * @return completes with the pointer, or exceptionally as {@link #put} throws
     */
    public CompletableFuture<StatePointer> putAsync(String name, byte[] data, LeaderFence fence) {
        ZooKeeperLeaderFence zk;
        try {
            ChecksummedFileStore.validateName(name);
            zk = checkFence(fence, "put of " + node(name));
        } catch (IllegalArgumentException | LeadershipLostException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return files.write(name, data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ioExecutor).handle((pointer, e) -> e == null
                ? writes.create(name, pointer, zk, ioExecutor)
                : CompletableFuture.<StatePointer>failedFuture(ZooKeeperFailures.unwrap(e)))
                .thenCompose(Function.identity())
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(ZooKeeperFailures.neutral(e, "put of " + node(name))));
    }

    /**
     * Replaces an entry's bytes: a new file, a fenced version-checked update of the pointer, then
     * deletion of the old file.
     *
     * @return the new pointer
     * @throws NoSuchElementException  if there is no such entry
     * @throws LeadershipLostException if the fence refused the write
     * @throws IOException             if the file could not be written, the pointer is invalid, the
     *                                 entry changed concurrently (twice in a row), or ZooKeeper failed
     * @throws InterruptedException    if interrupted while waiting (outcome unknown)
     */
    @Override
    public StatePointer replace(String name, byte[] data, LeaderFence fence)
            throws IOException, LeadershipLostException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        String what = "replace of " + node(name);
        ZooKeeperLeaderFence zk = checkFence(fence, what);
        PointerZnodes.Known current = known.get(name);
        if (current == null) {
            current = ZooKeeperFailures.awaitRead(znodes.read(name, false), what);
            if (current == null) {
                throw new NoSuchElementException("No entry " + node(name) + " to replace");
            }
        }
        return writes.update(name, current, files.write(name, data), zk, what);
    }

    @Override
    public void remove(String name, LeaderFence fence) throws IOException, LeadershipLostException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        checkFence(fence, "remove of " + node(name));
        WaitingThreadExecutor here = new WaitingThreadExecutor(ioExecutor); // this thread may be one of ioExecutor's
        ZooKeeperFailures.await(here.runUntilDone(removeAsync(name, fence, here)), "remove of " + node(name));
    }

    /**
     * As {@link #remove} without blocking; many removes may be in flight at once.
     *
     * @return completes once the pointer is gone and its file deleted (best effort), or
     *     exceptionally as {@link #remove} throws
     */
    public CompletableFuture<Void> removeAsync(String name, LeaderFence fence) {
        return removeAsync(name, fence, ioExecutor);
    }

    /** As {@link #removeAsync(String, LeaderFence)}, the file work after the znode's delete on {@code followUp}. */
    private CompletableFuture<Void> removeAsync(String name, LeaderFence fence, Executor followUp) {
        ZooKeeperLeaderFence zk;
        try {
            ChecksummedFileStore.validateName(name);
            zk = ZooKeeperLeaderFence.of(fence);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        PointerZnodes.Known cached = known.get(name);
        CompletableFuture<PointerZnodes.Known> start = cached != null
                ? CompletableFuture.completedFuture(cached) : znodes.read(name, true);
        return start.thenCompose(k -> writes.delete(name, k, zk, cached != null, followUp))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(ZooKeeperFailures.neutral(e, "remove of " + node(name))));
    }

    @Override
    public int removeAll(LeaderFence fence) throws IOException, LeadershipLostException, InterruptedException {
        checkFence(fence, "removal of all entries of " + folder());
        List<String> names = names();
        List<CompletableFuture<Void>> removals = new ArrayList<>(names.size());
        WaitingThreadExecutor here = new WaitingThreadExecutor(ioExecutor); // this thread may be one of ioExecutor's
        for (String name : names) {
            removals.add(removeAsync(name, fence, here));
        }
        here.runUntilDone(CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)));
        Throwable first = null;
        int failed = 0;
        for (CompletableFuture<Void> removal : removals) {
            try {
                removal.get();
            } catch (ExecutionException e) {
                Throwable cause = ZooKeeperFailures.unwrap(e);
                failed++;
                if (first == null) {
                    first = cause;
                } else if (first != cause && first.getSuppressed().length < 10) {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            LOG.warn("Removal of all {} entries of {}: {} failed, the first with {}", names.size(), folder(), failed, first.toString());
            throw ZooKeeperFailures.rethrow(first, "removal of all entries of " + folder());
        }
        LOG.info("Removed all {} entries of {}", names.size(), folder());
        return names.size();
    }

    // ------------------------------------------------------------------ reads

    @Override
    public byte[] get(String name) throws IOException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        PointerZnodes.Known k = ZooKeeperFailures.awaitRead(znodes.read(name, false), "read of " + node(name));
        if (k == null) {
            throw new NoSuchElementException("No entry " + node(name));
        }
        byte[] data = files.read(k.pointer());
        known.put(name, k);
        return data;
    }

    @Override
    public List<String> names() throws IOException, InterruptedException {
        try {
            return znodes.names();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw znodes.listingFailed(e);
        }
    }

    @Override
    public Recovered<byte[]> recoverAll() throws IOException, InterruptedException {
        return reader.readAll(names(), known::put);
    }

    // ------------------------------------------------------------------ internals

    private String node(String name) {
        return znodes.node(name);
    }

    private static ZooKeeperLeaderFence checkFence(LeaderFence fence, String what) throws LeadershipLostException {
        ZooKeeperLeaderFence zk = ZooKeeperLeaderFence.of(fence);
        if (!zk.isValid()) {
            throw new LeadershipLostException("Leader session " + zk.leaderSessionId()
                    + " is no longer the leader; " + what + " refused");
        }
        return zk;
    }
}
