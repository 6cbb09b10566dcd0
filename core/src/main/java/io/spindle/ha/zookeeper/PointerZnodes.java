package io.spindle.ha.zookeeper;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The znodes of one pointer folder and the asynchronous, fenced operations on them: read a
 * pointer with its version, create, update and delete it through a {@link ZooKeeperLeaderFence}
 * transaction, and create the folder itself (unfenced; an empty folder is harmless).
 *
 * <p>Knows nothing of files; failures are ZooKeeper's own ({@link KeeperException}), for the
 * {@link ZooKeeperPointerStore} to interpret. Callbacks run on ZooKeeper's event thread and never
 * block. Thread-safe.
 */
final class PointerZnodes {

    private static final Logger LOG = LoggerFactory.getLogger(PointerZnodes.class);

    /** How often a pointer create retries after its folder vanished (an empty container reaped). */
    private static final int FOLDER_ATTEMPTS = 3;

    /** A pointer as last written or read, with its znode version; {@code pointer} is null if the znode held garbage. */
    record Known(StatePointer pointer, int version) {
    }

    private final CuratorFramework client;
    private final String folder;
    private final AtomicReference<CompletableFuture<Void>> folderCreation = new AtomicReference<>();

    PointerZnodes(CuratorFramework client, String folder) {
        if (folder == null || !folder.startsWith("/") || folder.endsWith("/") || folder.contains("//")) {
            throw new IllegalArgumentException("Invalid znode folder '" + folder + "'");
        }
        this.client = client;
        this.folder = folder;
    }

    String folder() {
        return folder;
    }

    String node(String name) {
        return folder + "/" + name;
    }

    /** @return the children of the folder, sorted; empty if it does not exist */
    List<String> names() throws Exception {
        List<String> children;
        try {
            children = client.getChildren().forPath(folder);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
        List<String> sorted = new ArrayList<>(children);
        sorted.sort(null);
        return sorted;
    }

    /**
     * Reads a pointer and its version; completes with null if the znode does not exist.
     *
     * @param lenient complete with a {@code Known} without pointer (instead of failing) if the data is not a valid pointer
     */
    CompletableFuture<Known> read(String name, boolean lenient) {
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

    /**
     * As {@link #read} after a sync of the folder: what the read sees includes every write the
     * server had received before, so a write whose answer was lost is seen if it was applied.
     */
    CompletableFuture<Known> readSynced(String name) {
        CompletableFuture<Void> synced = new CompletableFuture<>();
        try {
            client.sync().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.OK || code == KeeperException.Code.NONODE) {
                    synced.complete(null);
                } else {
                    synced.completeExceptionally(KeeperException.create(code, folder));
                }
            }).forPath(folder);
        } catch (Exception e) {
            synced.completeExceptionally(e);
        }
        return synced.thenCompose(v -> read(name, false));
    }

    /**
     * Waits until the client is connected.
     *
     * @return whether it is connected
     */
    boolean awaitConnected(long millis) throws InterruptedException {
        return client.blockUntilConnected((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Fenced create of a pointer; creates the folder (unfenced) and retries if it is missing. */
    CompletableFuture<Void> create(String name, StatePointer pointer, ZooKeeperLeaderFence fence) {
        return create(name, pointer, fence, 1);
    }

    private CompletableFuture<Void> create(String name, StatePointer pointer, ZooKeeperLeaderFence fence, int attempt) {
        CuratorOp op;
        try {
            op = client.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(node(name), pointer.encode());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return fence.commitAsync(List.of(op)).handle((results, e) -> {
            if (e == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Throwable failure = ZooKeeperFailures.unwrap(e);
            if (failure instanceof KeeperException.NoNodeException && attempt < FOLDER_ATTEMPTS) {
                // The folder does not exist (yet, or any more): create it unfenced, then retry.
                return ensureFolder().thenCompose(v -> create(name, pointer, fence, attempt + 1));
            }
            return CompletableFuture.<Void>failedFuture(failure);
        }).thenCompose(Function.identity());
    }

    /** Fenced, version-checked update of a pointer; completes with the new version. */
    CompletableFuture<Integer> update(String name, StatePointer pointer, int version, ZooKeeperLeaderFence fence) {
        CuratorOp op;
        try {
            op = client.transactionOp().setData().withVersion(version).forPath(node(name), pointer.encode());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return fence.commitAsync(List.of(op)).thenApply(results -> versionAfterSet(results, version));
    }

    /** Fenced, version-checked delete of a pointer. */
    CompletableFuture<Void> delete(String name, int version, ZooKeeperLeaderFence fence) {
        CuratorOp op;
        try {
            op = client.transactionOp().delete().withVersion(version).forPath(node(name));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return fence.commitAsync(List.of(op)).thenApply(results -> null);
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

    private static int versionAfterSet(List<CuratorTransactionResult> results, int oldVersion) {
        Stat stat = results.isEmpty() ? null : results.get(0).getResultStat();
        return stat != null ? stat.getVersion() : oldVersion + 1;
    }

    /** @return an IOException for a failed listing */
    IOException listingFailed(Exception e) {
        return ZooKeeperFailures.io("Listing " + folder, e);
    }
}
