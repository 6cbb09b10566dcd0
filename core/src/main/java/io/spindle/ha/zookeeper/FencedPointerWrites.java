package io.spindle.ha.zookeeper;

import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.WriteOutcomeUnknownException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StatePointer;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The fenced pointer writes of one {@link PointerZnodes} folder and the file work each outcome
 * calls for: the create of a new entry's pointer, the version-checked update of an entry's pointer
 * and the delete of one. The {@link ZooKeeperPointerStore} checks names and fences and writes the
 * new files; this class takes over from the znode write on.
 *
 * <p>Guarantees: a write that fails in a way that may follow a lost answer is resolved by its
 * {@link UncertainWriteResolver} (read back), never guessed. A file is deleted only once no pointer
 * names it: the old file after an applied update, the removed one after an applied delete, the new
 * one of a write that was not applied. A file whose pointer write has an unknown outcome is kept
 * (garbage at worst). Deleting a file is best effort: a failure is logged, the write still succeeds.
 * Each write updates the shared memory of {@code known} pointers and znode versions: it remembers
 * what it wrote and forgets what it removed or could not be sure of.
 *
 * <p>Thread-safe. ZooKeeper callbacks never block: the read-backs and file deletes after a znode
 * write run on the {@code followUp} executor given with each call; {@link #update} blocks the
 * calling thread.
 */
final class FencedPointerWrites {

    private static final Logger LOG = LoggerFactory.getLogger(FencedPointerWrites.class);

    private final PointerZnodes znodes;
    private final ChecksummedFileStore files;
    private final UncertainWriteResolver resolver;
    private final ConcurrentMap<String, PointerZnodes.Known> known;

    /**
     * @param znodes   the folder written
     * @param files    where the entries' files are
     * @param resolver resolves the writes of {@code znodes} whose answers may have been lost
     * @param known    the pointers and znode versions last seen, by name; shared with the readers
     */
    FencedPointerWrites(PointerZnodes znodes, ChecksummedFileStore files, UncertainWriteResolver resolver,
                        ConcurrentMap<String, PointerZnodes.Known> known) {
        this.znodes = Objects.requireNonNull(znodes, "znodes");
        this.files = Objects.requireNonNull(files, "files");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.known = Objects.requireNonNull(known, "known");
    }

    /**
     * Fenced create of the pointer to a written file; on failure, resolved by reading it back on
     * {@code followUp} (the file is deleted if the create was not applied).
     *
     * @return completes with {@code pointer}, or exceptionally with the write's failure (not applied)
     *     or a {@link WriteOutcomeUnknownException} (the file is kept)
     */
    CompletableFuture<StatePointer> create(String name, StatePointer pointer, ZooKeeperLeaderFence fence,
                                           Executor followUp) {
        return znodes.create(name, pointer, fence).handle((ok, e) -> {
            if (e == null) {
                known.put(name, new PointerZnodes.Known(pointer, 0));
                LOG.debug("Put {}: {}", znodes.node(name), pointer.path());
                return CompletableFuture.completedFuture(pointer);
            }
            Throwable failure = ZooKeeperFailures.unwrap(e);
            if (failure instanceof WriteNotSentException) {
                resolver.abandon(name, pointer, failure);
                return CompletableFuture.<StatePointer>failedFuture(failure);
            }
            return CompletableFuture.supplyAsync(() -> {
                known.put(name, resolver.resolveCreate(name, pointer, failure));
                return pointer;
            }, followUp);
        }).thenCompose(Function.identity());
    }

    /**
     * Fenced, version-checked update of an entry's pointer from {@code current} to {@code pointer}
     * (a written file), then deletion of the old file. A version conflict (a stale memory or a
     * concurrent change) is retried once against the pointer read back.
     *
     * @param what the operation, for messages ("replace of /folder/name")
     * @return {@code pointer}
     * @throws NoSuchElementException       if the entry is gone (the new file is deleted)
     * @throws WriteOutcomeUnknownException if the outcome could not be read back (the new file is kept)
     * @throws LeadershipLostException      if the fence refused the update (the new file is deleted)
     * @throws IOException                  if ZooKeeper failed or the entry changed twice in a row
     * @throws InterruptedException         if interrupted while waiting (outcome unknown, the new file is kept)
     */
    StatePointer update(String name, PointerZnodes.Known current, StatePointer pointer, ZooKeeperLeaderFence fence,
                        String what) throws IOException, LeadershipLostException, InterruptedException {
        boolean retried = false;
        while (true) {
            Throwable failure;
            try {
                int version = ZooKeeperFailures.awaitRaw(znodes.update(name, pointer, current.version(), fence));
                known.put(name, new PointerZnodes.Known(pointer, version));
                LOG.debug("Replaced {}: {} (was {})", znodes.node(name), pointer.path(), current.pointer().path());
                deleteFileQuietly(name, current.pointer());
                return pointer;
            } catch (InterruptedException e) {
                resolver.keep(name, pointer, e);
                throw e;
            } catch (Throwable e) {
                failure = e;
            }
            UncertainWriteResolver.ReadBack after = resolver.readBack(name, pointer, failure);
            if (after.holds(pointer)) {
                known.put(name, after.latest()); // applied after all: a retried update whose first answer was lost
                deleteFileQuietly(name, current.pointer());
                return pointer;
            }
            if (failure instanceof KeeperException.BadVersionException && after.latest() != null && !retried) {
                current = after.latest(); // our memory was stale, or a concurrent change: retry once
                retried = true;
                continue;
            }
            known.remove(name);
            if (!after.read()) {
                throw resolver.keepAsUnknown(what, name, pointer, failure);
            }
            resolver.abandon(name, pointer, failure);
            if (failure instanceof KeeperException.NoNodeException
                    || (failure instanceof KeeperException.BadVersionException && after.latest() == null)) {
                NoSuchElementException missing = new NoSuchElementException("No entry " + znodes.node(name) + " to replace");
                missing.initCause(failure);
                throw missing;
            }
            throw ZooKeeperFailures.rethrow(failure, what);
        }
    }

    /**
     * Fenced, version-checked delete of the pointer {@code k} (nothing if null), then deletion of
     * its file on {@code followUp}. A failure that may follow a lost answer is resolved by reading
     * the pointer back on {@code followUp}.
     *
     * @param mayRetry whether a version conflict (a stale memory) is retried once against the pointer read anew
     * @return completes once the pointer is gone, or exceptionally with the delete's failure (not
     *     applied: the file stays) or a {@link WriteOutcomeUnknownException} (the file stays)
     */
    CompletableFuture<Void> delete(String name, PointerZnodes.Known k, ZooKeeperLeaderFence fence,
                                   boolean mayRetry, Executor followUp) {
        if (k == null) {
            known.remove(name);
            return CompletableFuture.completedFuture(null);
        }
        return znodes.delete(name, k.version(), fence).handle((ok, e) -> {
            if (e == null) {
                known.remove(name, k);
                LOG.debug("Removed {}: {}", znodes.node(name), k.pointer() == null ? "(invalid pointer)" : k.pointer().path());
                return deleteFileAsync(name, k.pointer(), followUp);
            }
            Throwable failure = ZooKeeperFailures.unwrap(e);
            if (failure instanceof KeeperException.NoNodeException) {
                // Gone already (removed concurrently, or our retried delete had succeeded):
                // nothing references the file any more.
                known.remove(name);
                return deleteFileAsync(name, k.pointer(), followUp);
            }
            if (failure instanceof KeeperException.BadVersionException && mayRetry) {
                known.remove(name);
                return znodes.read(name, true).thenCompose(latest -> delete(name, latest, fence, false, followUp));
            }
            if (failure instanceof WriteNotSentException || failure instanceof KeeperException.BadVersionException) {
                return CompletableFuture.<Void>failedFuture(failure); // certainly not applied
            }
            return CompletableFuture.runAsync(() -> {
                resolver.resolveRemove(name, k, failure); // throws unless the remove was applied
                known.remove(name);
                if (k.pointer() != null) {
                    deleteFileQuietly(name, k.pointer());
                }
            }, followUp);
        }).thenCompose(Function.identity());
    }

    private CompletableFuture<Void> deleteFileAsync(String name, StatePointer pointer, Executor followUp) {
        if (pointer == null) {
            LOG.warn("Removed {}, which held no valid pointer; the file it meant to name, if any, is an orphan", znodes.node(name));
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> deleteFileQuietly(name, pointer), followUp);
    }

    private void deleteFileQuietly(String name, StatePointer pointer) {
        try {
            files.delete(pointer);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete file {} of {} (its pointer is gone); it is garbage", pointer.path(), znodes.node(name), e);
        }
    }
}
