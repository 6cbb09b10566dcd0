package io.spindle.ha.zookeeper;

import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Named state entries whose bytes live in storageDir and whose pointers live in ZooKeeper, one
 * child znode per entry under one folder (for example {@code /jobgraphs} or
 * {@code /checkpoints/{jobId}/completed}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>No dangling pointer: a file is written (and renamed to its final name) before its pointer
 *       is created, and a pointer is deleted before its file. A file is deleted only once its
 *       pointer is known not to reference it.</li>
 *   <li>Every pointer write is fenced ({@link ZooKeeperLeaderFence}): a deposed leader cannot
 *       create, replace or delete pointers. The folder itself (and its parents) may be created
 *       unfenced; an empty folder is harmless.</li>
 *   <li>No orphan from a refused write: when {@link #put}/{@link #replace} fail, the new file is
 *       deleted unless the pointer does reference it after all (a retried request that had
 *       succeeded, in which case the call succeeds). If that cannot be determined (ZooKeeper
 *       unreachable), the file is kept: an orphaned file is garbage a tool can remove, a dangling
 *       pointer would be data loss.</li>
 *   <li>Every read is verified (length, CRC32C), see {@link ChecksummedFileStore#read}.</li>
 * </ul>
 *
 * <p>Entry names: 1-200 letters, digits, '.', '_', '-', not starting with '.'; they sort as
 * strings, so callers with numeric names (checkpoint ids) pad them to a fixed width.
 *
 * <p>This store remembers the pointer and znode version of the entries it wrote or read, so
 * {@link #remove} and {@link #replace} usually take one ZooKeeper round trip. The fenced write
 * checks the znode version, so a stale memory (another instance changed the entry) is detected and
 * the pointer reread once. One case escapes the check: if another instance removed the entry and
 * put it again under the same name (the version restarts at 0), a remove or replace through the
 * stale instance removes or replaces that new entry, as asked, but leaves its file behind as an
 * orphan. Use one instance per folder and leader session to avoid even that.
 *
 * <p>Thread-safe. The blocking methods may be interrupted; the operation then continues in the
 * background and its outcome is unknown to the caller. Callbacks of ZooKeeper never block: file
 * I/O runs on the {@code ioExecutor} given to the constructor.
 */
public final class ZooKeeperPointerStore {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperPointerStore.class);

    /** How often a pointer create retries after its folder vanished (an empty container reaped). */
    private static final int FOLDER_ATTEMPTS = 3;

    private final CuratorFramework client;
    private final String folder;
    private final ChecksummedFileStore files;
    private final Executor ioExecutor;
    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<Void>> folderCreation = new AtomicReference<>();

    /** A pointer as last written or read by this store, with its znode version. */
    private record Known(StatePointer pointer, int version) {
    }

    /**
     * @param client     the started client (the cluster's namespace)
     * @param folder     the znode folder of the pointers, absolute, e.g. {@link ZooKeeperLayout#JOBGRAPHS}
     * @param files      where the bytes go
     * @param ioExecutor runs file reads and deletes; bounded, and never running tasks on the
     *                   submitting thread (that would be a ZooKeeper callback thread); owned by the caller
     */
    public ZooKeeperPointerStore(CuratorFramework client, String folder, ChecksummedFileStore files, Executor ioExecutor) {
        this.client = Objects.requireNonNull(client, "client");
        if (folder == null || !folder.startsWith("/") || folder.endsWith("/") || folder.contains("//")) {
            throw new IllegalArgumentException("Invalid znode folder '" + folder + "'");
        }
        this.folder = folder;
        this.files = Objects.requireNonNull(files, "files");
        this.ioExecutor = Objects.requireNonNull(ioExecutor, "ioExecutor");
    }

    /** @return the znode folder of the pointers */
    public String folder() {
        return folder;
    }

    // ------------------------------------------------------------------ writes

    /**
     * Stores a new entry: the file first, then a fenced create of its pointer.
     *
     * @param name  the entry name
     * @param data  the bytes
     * @param fence the leader's fence
     * @return the pointer now in ZooKeeper
     * @throws LeadershipLostException       if the fence refused the write
     * @throws KeeperException.NodeExistsException if the entry exists already
     * @throws KeeperException               on other ZooKeeper failures
     * @throws IOException                   if the file could not be written
     * @throws InterruptedException          if interrupted while waiting (outcome unknown)
     */
    public StatePointer put(String name, byte[] data, ZooKeeperLeaderFence fence)
            throws IOException, KeeperException, LeadershipLostException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        checkFence(fence, "put of " + node(name));
        StatePointer pointer = files.write(name, data);
        return await(createPointer(name, pointer, fence));
    }

    /**
     * As {@link #put} without blocking the caller: the file is written on the {@code ioExecutor},
     * and many puts may be in flight at once (ZooKeeper pipelines them).
     *
     * @return completes with the pointer, or exceptionally as {@link #put} throws
     */
    public CompletableFuture<StatePointer> putAsync(String name, byte[] data, ZooKeeperLeaderFence fence) {
        try {
            ChecksummedFileStore.validateName(name);
            checkFence(fence, "put of " + node(name));
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
                ? createPointer(name, pointer, fence)
                : CompletableFuture.<StatePointer>failedFuture(unwrapIo(e))).thenCompose(Function.identity());
    }

    /**
     * Replaces an entry's bytes: a new file, a fenced version-checked update of the pointer, then
     * deletion of the old file.
     *
     * @return the new pointer
     * @throws NoSuchElementException if there is no such entry
     * @throws LeadershipLostException          if the fence refused the write
     * @throws KeeperException.BadVersionException if the entry changed concurrently (twice in a row)
     * @throws KeeperException                  on other ZooKeeper failures
     * @throws IOException                      if the file could not be written, or the pointer is invalid
     * @throws InterruptedException             if interrupted while waiting (outcome unknown)
     */
    public StatePointer replace(String name, byte[] data, ZooKeeperLeaderFence fence)
            throws IOException, KeeperException, LeadershipLostException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        checkFence(fence, "replace of " + node(name));
        Known current = known.get(name);
        if (current == null) {
            current = await(readKnown(name));
            if (current == null) {
                throw new NoSuchElementException("No entry " + node(name) + " to replace");
            }
        }
        StatePointer pointer = files.write(name, data);
        boolean retried = false;
        while (true) {
            Exception failure;
            try {
                int oldVersion = current.version();
                List<CuratorTransactionResult> results = await(fence.commitAsync(List.of(client.transactionOp()
                        .setData().withVersion(oldVersion).forPath(node(name), pointer.encode()))));
                known.put(name, new Known(pointer, versionAfterSet(results, oldVersion)));
                LOG.debug("Replaced {}: {} (was {})", node(name), pointer.path(), current.pointer().path());
                deleteFileQuietly(name, current.pointer());
                return pointer;
            } catch (IOException | KeeperException | LeadershipLostException | RuntimeException e) {
                failure = e;
            } catch (InterruptedException e) {
                keepFile(name, pointer, e);
                throw e;
            } catch (Exception e) { // building the operation
                failure = new IOException("Could not update " + node(name), e);
            }
            // What does the pointer reference now?
            Known latest = null;
            boolean readOk = true;
            try {
                latest = await(readKnown(name));
            } catch (StateFileException e) {
                failure.addSuppressed(e); // not ours: ours is valid
            } catch (IOException | KeeperException | LeadershipLostException | RuntimeException e) {
                failure.addSuppressed(e);
                readOk = false;
            }
            if (latest != null && latest.pointer().equals(pointer)) {
                // Applied after all: a retried update whose first answer was lost.
                known.put(name, latest);
                deleteFileQuietly(name, current.pointer());
                return pointer;
            }
            if (failure instanceof KeeperException.BadVersionException && latest != null && !retried) {
                current = latest; // our memory was stale, or a concurrent change: retry once
                retried = true;
                continue;
            }
            known.remove(name);
            if (readOk) {
                abandonFile(name, pointer, failure);
            } else {
                keepFile(name, pointer, failure);
            }
            if (failure instanceof KeeperException.NoNodeException
                    || (failure instanceof KeeperException.BadVersionException && readOk && latest == null)) {
                NoSuchElementException missing = new NoSuchElementException("No entry " + node(name) + " to replace");
                missing.initCause(failure);
                throw missing;
            }
            throw rethrow(failure);
        }
    }

    /**
     * Removes an entry: a fenced delete of the pointer first, then the file. Removing an absent
     * entry does nothing. An entry whose znode holds no valid pointer is removed too (its file,
     * unknown, stays as an orphan), so that a leader can drop entries that {@link #recoverAll}
     * reported as unusable.
     *
     * @throws LeadershipLostException if the fence refused the delete (the file is kept)
     * @throws KeeperException         on ZooKeeper failures (the file is kept)
     * @throws IOException             if the pointer could not be read
     * @throws InterruptedException    if interrupted while waiting (outcome unknown)
     */
    public void remove(String name, ZooKeeperLeaderFence fence)
            throws IOException, KeeperException, LeadershipLostException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        checkFence(fence, "remove of " + node(name));
        await(removeAsync(name, fence));
    }

    /**
     * As {@link #remove} without blocking; many removes may be in flight at once.
     *
     * @return completes once the pointer is gone and its file deleted (best effort), or
     *     exceptionally as {@link #remove} throws
     */
    public CompletableFuture<Void> removeAsync(String name, ZooKeeperLeaderFence fence) {
        try {
            ChecksummedFileStore.validateName(name);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        Known cached = known.get(name);
        CompletableFuture<Known> start = cached != null ? CompletableFuture.completedFuture(cached) : readKnown(name, true);
        return start.thenCompose(k -> deletePointer(name, k, fence, cached != null));
    }

    /**
     * Removes every entry: all pointer deletes are issued at once (fenced, pipelined), each file
     * is deleted once its pointer is gone. The folder node itself stays.
     *
     * @return the number of entries found
     * @throws LeadershipLostException if the fence refused a delete (that entry's file is kept)
     * @throws KeeperException         on ZooKeeper failures (the first; others are suppressed)
     * @throws IOException             if a pointer could not be read
     * @throws InterruptedException    if interrupted while waiting (outcome unknown)
     */
    public int removeAll(ZooKeeperLeaderFence fence)
            throws IOException, KeeperException, LeadershipLostException, InterruptedException {
        checkFence(fence, "removal of all entries of " + folder);
        List<String> names = names();
        List<CompletableFuture<Void>> removals = new ArrayList<>(names.size());
        for (String name : names) {
            removals.add(removeAsync(name, fence));
        }
        Throwable first = null;
        int failed = 0;
        for (CompletableFuture<Void> removal : removals) {
            try {
                removal.get();
            } catch (ExecutionException e) {
                Throwable cause = unwrap(e);
                failed++;
                if (first == null) {
                    first = cause;
                } else if (first != cause && first.getSuppressed().length < 10) {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            LOG.warn("Removal of all {} entries of {}: {} failed, the first with {}", names.size(), folder, failed, first.toString());
            throw rethrow(first);
        }
        LOG.info("Removed all {} entries of {}", names.size(), folder);
        return names.size();
    }

    // ------------------------------------------------------------------ reads

    /**
     * Reads an entry and verifies its file.
     *
     * @return the bytes
     * @throws NoSuchElementException if there is no such entry
     * @throws StateFileException               if the pointer is invalid or the file missing or corrupt
     * @throws KeeperException                  on ZooKeeper failures
     * @throws IOException                      on file system failures
     * @throws InterruptedException             if interrupted while waiting
     */
    public byte[] get(String name) throws IOException, KeeperException, InterruptedException {
        ChecksummedFileStore.validateName(name);
        Known k;
        try {
            k = await(readKnown(name));
        } catch (LeadershipLostException e) {
            throw new IllegalStateException(e); // reads are not fenced
        }
        if (k == null) {
            throw new NoSuchElementException("No entry " + node(name));
        }
        byte[] data = files.read(k.pointer());
        known.put(name, k);
        return data;
    }

    /**
     * @return the names of all entries, sorted; empty if the folder does not exist
     * @throws KeeperException      on ZooKeeper failures
     * @throws IOException          on other client failures
     * @throws InterruptedException if interrupted
     */
    public List<String> names() throws KeeperException, IOException, InterruptedException {
        List<String> children;
        try {
            children = client.getChildren().forPath(folder);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (KeeperException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Could not list " + folder, e);
        }
        List<String> sorted = new ArrayList<>(children);
        sorted.sort(null);
        return sorted;
    }

    /**
     * Reads every entry: one listing of the folder, then all pointers read at once (pipelined) and
     * all files read in parallel on the {@code ioExecutor}, each verified. An entry removed
     * meanwhile is skipped.
     *
     * @return the entries that verified and, separately, those whose state is missing, corrupt or
     *     invalid (logged here as warnings, naming entry and file)
     * @throws KeeperException      if ZooKeeper failed for a reason other than a vanished entry
     * @throws IOException          if the file system failed other than by a missing or corrupt file
     * @throws InterruptedException if interrupted
     */
    public Recovered<byte[]> recoverAll() throws KeeperException, IOException, InterruptedException {
        List<String> names = names();
        Map<String, CompletableFuture<byte[]>> reads = new HashMap<>(names.size() * 2);
        for (String name : names) {
            reads.put(name, readKnown(name).thenComposeAsync(k -> {
                if (k == null) {
                    return CompletableFuture.completedFuture(null); // removed since the listing
                }
                try {
                    byte[] data = files.read(k.pointer());
                    known.put(name, k);
                    return CompletableFuture.completedFuture(data);
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }, ioExecutor));
        }
        Map<String, byte[]> entries = new TreeMap<>();
        Map<String, StateFileException> failures = new TreeMap<>();
        Throwable fatal = null;
        for (Map.Entry<String, CompletableFuture<byte[]>> read : reads.entrySet()) {
            try {
                byte[] data = read.getValue().get();
                if (data != null) {
                    entries.put(read.getKey(), data);
                }
            } catch (ExecutionException e) {
                Throwable cause = unwrap(e);
                if (cause instanceof StateFileException bad) {
                    failures.put(read.getKey(), bad);
                } else if (fatal == null) {
                    fatal = cause;
                } else if (fatal != cause && fatal.getSuppressed().length < 10) {
                    fatal.addSuppressed(cause);
                }
            }
        }
        if (fatal != null) {
            try {
                throw rethrow(fatal);
            } catch (LeadershipLostException e) {
                throw new IllegalStateException(e); // reads are not fenced
            }
        }
        failures.forEach((name, e) -> LOG.warn("Entry {} of {} is unusable ({}): {}", name, folder, e.kind(), e.getMessage()));
        LOG.info("Recovered {} entries of {}{}", entries.size(), folder,
                failures.isEmpty() ? "" : ", " + failures.size() + " unusable: " + failures.keySet());
        return new Recovered<>(new TreeMap<>(entries), new TreeMap<>(failures));
    }

    // ------------------------------------------------------------------ internals

    private String node(String name) {
        return folder + "/" + name;
    }

    private static void checkFence(ZooKeeperLeaderFence fence, String what) throws LeadershipLostException {
        if (!fence.isValid()) {
            throw new LeadershipLostException("Leader session " + fence.leaderSessionId()
                    + " is no longer the leader; " + what + " refused");
        }
    }

    /** Fenced create of the pointer; on failure, the file is deleted unless the pointer references it. */
    private CompletableFuture<StatePointer> createPointer(String name, StatePointer pointer, ZooKeeperLeaderFence fence) {
        return createPointer(name, pointer, fence, 1).handle((ok, e) -> {
            if (e == null) {
                known.put(name, new Known(pointer, 0));
                LOG.debug("Put {}: {}", node(name), pointer.path());
                return CompletableFuture.completedFuture(pointer);
            }
            Throwable failure = unwrap(e);
            // Did it go through after all (a retried create whose first answer was lost)?
            return readKnown(name).handleAsync((latest, readFailure) -> {
                if (readFailure == null && latest != null && latest.pointer().equals(pointer)) {
                    known.put(name, latest);
                    return pointer;
                }
                if (readFailure == null || unwrap(readFailure) instanceof StateFileException) {
                    abandonFile(name, pointer, failure); // the pointer is absent, or not ours
                } else {
                    failure.addSuppressed(unwrap(readFailure));
                    keepFile(name, pointer, failure);
                }
                throw new CompletionException(failure);
            }, ioExecutor);
        }).thenCompose(Function.identity());
    }

    private CompletableFuture<StatePointer> createPointer(String name, StatePointer pointer,
                                                          ZooKeeperLeaderFence fence, int attempt) {
        CuratorOp create;
        try {
            create = client.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(node(name), pointer.encode());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return fence.commitAsync(List.of(create)).handle((results, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(pointer);
            }
            Throwable failure = unwrap(e);
            if (failure instanceof KeeperException.NoNodeException && attempt < FOLDER_ATTEMPTS) {
                // The folder does not exist (yet, or any more): create it unfenced, then retry.
                return ensureFolder().thenCompose(v -> createPointer(name, pointer, fence, attempt + 1));
            }
            return CompletableFuture.<StatePointer>failedFuture(failure);
        }).thenCompose(Function.identity());
    }

    /**
     * Creates the folder (unfenced; parents as containers). Concurrent callers share one creation,
     * so that a burst of puts into a new folder costs one create, not one each.
     */
    private CompletableFuture<Void> ensureFolder() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = folderCreation.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        mine.whenComplete((v, e) -> folderCreation.compareAndSet(mine, null));
        try {
            client.create().creatingParentContainersIfNeeded().withMode(CreateMode.PERSISTENT).inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.OK) {
                    LOG.info("Created znode folder {}", folder);
                    mine.complete(null);
                } else if (code == KeeperException.Code.NODEEXISTS) {
                    mine.complete(null); // created concurrently: fine
                } else {
                    mine.completeExceptionally(KeeperException.create(code, folder));
                }
            }).forPath(folder);
        } catch (Exception e) {
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private CompletableFuture<Void> deletePointer(String name, Known k, ZooKeeperLeaderFence fence, boolean mayRetry) {
        if (k == null) {
            known.remove(name);
            return CompletableFuture.completedFuture(null);
        }
        CuratorOp delete;
        try {
            delete = client.transactionOp().delete().withVersion(k.version()).forPath(node(name));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return fence.commitAsync(List.of(delete)).handle((results, e) -> {
            if (e == null) {
                known.remove(name, k);
                LOG.debug("Removed {}: {}", node(name), k.pointer() == null ? "(invalid pointer)" : k.pointer().path());
                return deleteFileAsync(name, k.pointer());
            }
            Throwable failure = unwrap(e);
            if (failure instanceof KeeperException.NoNodeException) {
                // Gone already (removed concurrently, or our retried delete had succeeded):
                // nothing references the file any more.
                known.remove(name);
                return deleteFileAsync(name, k.pointer());
            }
            if (failure instanceof KeeperException.BadVersionException && mayRetry) {
                known.remove(name);
                return readKnown(name, true).thenCompose(latest -> deletePointer(name, latest, fence, false));
            }
            return CompletableFuture.<Void>failedFuture(failure);
        }).thenCompose(Function.identity());
    }

    private CompletableFuture<Void> deleteFileAsync(String name, StatePointer pointer) {
        if (pointer == null) {
            LOG.warn("Removed {}, which held no valid pointer; the file it meant to name, if any, is an orphan", node(name));
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> deleteFileQuietly(name, pointer), ioExecutor);
    }

    /** Reads a pointer and its version; completes with null if the znode does not exist. */
    private CompletableFuture<Known> readKnown(String name) {
        return readKnown(name, false);
    }

    /**
     * @param lenient complete with a {@code Known} without pointer (instead of failing) if the data is not a valid pointer
     */
    private CompletableFuture<Known> readKnown(String name, boolean lenient) {
        CompletableFuture<Known> result = new CompletableFuture<>();
        String path = node(name);
        try {
            client.getData().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.NONODE) {
                    result.complete(null);
                } else if (code != KeeperException.Code.OK) {
                    result.completeExceptionally(KeeperException.create(code, path));
                } else {
                    Stat stat = event.getStat();
                    try {
                        result.complete(new Known(StatePointer.decode(event.getData(), path), stat.getVersion()));
                    } catch (StateFileException e) {
                        if (lenient) {
                            result.complete(new Known(null, stat.getVersion()));
                        } else {
                            result.completeExceptionally(e);
                        }
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }
            }).forPath(path);
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private static int versionAfterSet(List<CuratorTransactionResult> results, int oldVersion) {
        Stat stat = results.isEmpty() ? null : results.get(0).getResultStat();
        return stat != null ? stat.getVersion() : oldVersion + 1;
    }

    /** Deletes the new file of a write that did not happen (on the calling thread). */
    private void abandonFile(String name, StatePointer pointer, Throwable failure) {
        LOG.debug("Write of {} failed ({}); deleting its new file {}", node(name), failure.toString(), pointer.path());
        deleteFileQuietly(name, pointer);
    }

    private void keepFile(String name, StatePointer pointer, Throwable failure) {
        LOG.warn("Write of {} failed ({}) and whether its pointer was written is unknown; keeping file {} (garbage if unreferenced)",
                node(name), failure.toString(), pointer.path());
    }

    private void deleteFileQuietly(String name, StatePointer pointer) {
        try {
            files.delete(pointer);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete file {} of {} (its pointer is gone); it is garbage", pointer.path(), node(name), e);
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Throwable unwrapIo(Throwable t) {
        Throwable cause = unwrap(t);
        return cause instanceof UncheckedIOException u ? u.getCause() : cause;
    }

    private static <T> T await(CompletableFuture<T> future)
            throws IOException, KeeperException, LeadershipLostException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrow(unwrap(e));
        }
    }

    /** Throws the failure as one of the declared types; returns nothing, for {@code throw rethrow(t)}. */
    private static RuntimeException rethrow(Throwable t)
            throws IOException, KeeperException, LeadershipLostException, InterruptedException {
        Throwable cause = unwrapIo(t);
        if (cause instanceof IOException e) {
            throw e;
        }
        if (cause instanceof KeeperException e) {
            throw e;
        }
        if (cause instanceof LeadershipLostException e) {
            throw e;
        }
        if (cause instanceof InterruptedException e) {
            throw e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IOException(cause);
    }
}
