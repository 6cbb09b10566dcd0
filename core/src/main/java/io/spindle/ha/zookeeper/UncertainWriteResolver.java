package io.spindle.ha.zookeeper;

import io.spindle.ha.WriteOutcomeUnknownException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Answers "was my pointer write applied?" after a write of one {@link PointerZnodes} folder failed
 * in a way that may follow a lost answer, and keeps or deletes the write's new file accordingly.
 *
 * <p>It waits for the connection (up to {@code resolveWithin}), syncs and reads the pointer back
 * ({@link #readBack}). If the pointer names the new file, the write was applied. If it names
 * something else or nothing, the write was not applied and its new file can be deleted
 * ({@link #abandon}). If it cannot be read back in time, the file must be kept ({@link #keep}): an
 * orphaned file is garbage a tool can remove, a dangling pointer would be data loss. A write the
 * fence refused before sending anything ({@link WriteNotSentException}) is known not to be applied
 * without a read. A remove whose answer was lost is resolved the same way ({@link #resolveRemove}).
 *
 * <p>Thread-safe; {@link #readBack}, {@link #resolveCreate} and {@link #resolveRemove} block, so they must not run on a
 * ZooKeeper callback thread.
 */
final class UncertainWriteResolver {

    private static final Logger LOG = LoggerFactory.getLogger(UncertainWriteResolver.class);

    /**
     * The pointer found after a failed write.
     *
     * @param latest what the znode holds now; null if it is absent, holds no valid pointer, or
     *               could not be read
     * @param read   whether it was read (or the write is known not to have been sent); if not,
     *               the write's outcome is unknown
     */
    record ReadBack(PointerZnodes.Known latest, boolean read) {

        /** @return whether the znode now names {@code pointer}: the write was applied */
        boolean holds(StatePointer pointer) {
            return latest != null && pointer.equals(latest.pointer());
        }
    }

    private final PointerZnodes znodes;
    private final ChecksummedFileStore files;
    private final Duration resolveWithin;

    /**
     * @param znodes        the folder whose writes are resolved
     * @param files         where the writes' files are
     * @param resolveWithin how long a read-back waits for a connection before the outcome counts as unknown
     */
    UncertainWriteResolver(PointerZnodes znodes, ChecksummedFileStore files, Duration resolveWithin) {
        this.znodes = Objects.requireNonNull(znodes, "znodes");
        this.files = Objects.requireNonNull(files, "files");
        this.resolveWithin = Objects.requireNonNull(resolveWithin, "resolveWithin");
    }

    /**
     * Reads the pointer of {@code name} back after a write of {@code ours} failed with {@code failure}.
     * Failures of the read are added to {@code failure} as suppressed.
     *
     * @return what the znode holds now, and whether that is known
     * @throws InterruptedException if interrupted while reading; the file is kept
     */
    ReadBack readBack(String name, StatePointer ours, Throwable failure) throws InterruptedException {
        if (failure instanceof WriteNotSentException) {
            return new ReadBack(null, true);
        }
        try {
            return new ReadBack(readSynced(name), true);
        } catch (StateFileException e) {
            failure.addSuppressed(e); // the znode holds something that is not ours: ours is valid
            return new ReadBack(null, true);
        } catch (InterruptedException e) {
            failure.addSuppressed(e);
            keep(name, ours, failure);
            throw e;
        } catch (Exception e) {
            failure.addSuppressed(e);
            return new ReadBack(null, false);
        }
    }

    /**
     * Resolves a pointer create whose answer may have been lost: keeps the file if the create was
     * applied, deletes it if not.
     *
     * @return the pointer as read back (it names {@code ours})
     * @throws CompletionException wrapping {@code failure} if the create was not applied, or a
     *                             {@link WriteOutcomeUnknownException} if that could not be found out
     */
    PointerZnodes.Known resolveCreate(String name, StatePointer ours, Throwable failure) {
        String what = "put of " + znodes.node(name);
        ReadBack after;
        try {
            after = readBack(name, ours, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(unknown(what, failure));
        }
        if (after.holds(ours)) {
            LOG.info("Put of {} was applied although its answer was lost ({}); keeping {}", znodes.node(name),
                    failure.toString(), ours.path());
            return after.latest();
        }
        if (!after.read()) {
            throw new CompletionException(keepAsUnknown(what, name, ours, failure));
        }
        abandon(name, ours, failure); // the pointer is absent, or not ours
        throw new CompletionException(failure);
    }

    /**
     * Resolves a pointer remove whose answer may have been lost. Returns normally if the remove
     * was applied (the znode no longer names {@code removed}'s file, or another instance removed
     * the entry): the caller may then delete that file.
     *
     * @throws CompletionException wrapping {@code failure} if the pointer still names the file (not
     *                             applied: the file must stay), or a {@link WriteOutcomeUnknownException}
     *                             if that could not be found out (the file must stay too)
     */
    void resolveRemove(String name, PointerZnodes.Known removed, Throwable failure) {
        String what = "remove of " + znodes.node(name);
        PointerZnodes.Known latest;
        try {
            latest = readSynced(name);
        } catch (StateFileException e) {
            failure.addSuppressed(e);
            latest = removed.pointer() == null ? removed : null; // garbage now: ours if ours was garbage too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw new CompletionException(unknown(what, failure));
        } catch (Exception e) {
            failure.addSuppressed(e);
            throw new CompletionException(unknown(what, failure));
        }
        if (latest != null && Objects.equals(latest.pointer(), removed.pointer())) {
            throw new CompletionException(failure); // not applied: the pointer still names the file
        }
        LOG.info("Remove of {} was applied although its answer was lost ({})", znodes.node(name), failure.toString());
    }

    /** Deletes the new file of a write that was not applied (on the calling thread). */
    void abandon(String name, StatePointer ours, Throwable failure) {
        LOG.debug("Write of {} failed ({}); deleting its new file {}", znodes.node(name), failure.toString(), ours.path());
        try {
            files.delete(ours);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete file {} of a failed write of {}; it is garbage", ours.path(), znodes.node(name), e);
        }
    }

    /** Keeps the new file of a write whose outcome is unknown. */
    void keep(String name, StatePointer ours, Throwable failure) {
        LOG.warn("Write of {} failed ({}) and whether its pointer was written is unknown; keeping file {} (garbage if unreferenced)",
                znodes.node(name), failure.toString(), ours.path());
    }

    /**
     * Keeps the new file of a write that could not be read back.
     *
     * @return the exception to throw for it
     */
    WriteOutcomeUnknownException keepAsUnknown(String what, String name, StatePointer ours, Throwable failure) {
        keep(name, ours, failure);
        return unknown(what, failure);
    }

    private WriteOutcomeUnknownException unknown(String what, Throwable failure) {
        return new WriteOutcomeUnknownException(what + " may or may not have been applied: its answer was lost and "
                + "reading it back within " + resolveWithin.toMillis() + " ms failed (" + failure + ")", failure);
    }

    /**
     * Waits for a connection (up to {@code resolveWithin}) and reads after a sync, so that the
     * write, if applied, is seen.
     *
     * @return the pointer now stored, or null if there is none
     * @throws StateFileException if the znode holds no valid pointer
     * @throws Exception          if it could not be read in time
     */
    private PointerZnodes.Known readSynced(String name) throws Exception {
        long deadline = System.nanoTime() + resolveWithin.toNanos();
        while (true) {
            Throwable failure;
            try {
                return znodes.readSynced(name).get();
            } catch (ExecutionException e) {
                failure = ZooKeeperFailures.unwrap(e);
            }
            if (failure instanceof StateFileException stateFile) {
                throw stateFile;
            }
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            boolean retriable = failure instanceof KeeperException keeper && ZooKeeperFailures.outcomeUnknown(keeper);
            if (!retriable || leftMillis <= 0 || !znodes.awaitConnected(leftMillis)) {
                throw failure instanceof Exception ex ? ex : new IOException(failure);
            }
            LOG.debug("Reading {} back failed ({}); connected again, retrying", znodes.node(name), failure.toString());
        }
    }
}
