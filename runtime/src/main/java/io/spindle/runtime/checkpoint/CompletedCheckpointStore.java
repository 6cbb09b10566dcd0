package io.spindle.runtime.checkpoint;

import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.PointerStore;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completed checkpoints of one job: metadata files in storageDir, pointers in the HA
 * backend's {@link HaServices#completedCheckpoints store of the job}, task state files under
 * {@code task-state/{jobId}/}.
 *
 * <p>Keeps the newest {@code retained} checkpoints: older ones are removed pointer first, then
 * their metadata, then their task state files. {@link #recoverLatest} falls back to an older
 * checkpoint, loudly, when the newest is damaged; it never silently starts from empty.
 *
 * <p>Thread-safe for use by one leader at a time.
 */
public final class CompletedCheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CompletedCheckpointStore.class);

    private final String jobId;
    private final PointerStore pointers;
    private final FileSystem fs;
    private final Path taskStateDir;
    private final int retained;

    /**
     * @param ha the cluster's HA services
     * @param jobId the job
     * @param retained how many completed checkpoints to keep, at least 1
     * @param ioExecutor runs file I/O
     */
    public CompletedCheckpointStore(HaServices ha, String jobId, int retained, Executor ioExecutor) {
        this.jobId = jobId;
        this.pointers = ha.completedCheckpoints(jobId, ioExecutor);
        this.fs = ha.storage().fs();
        this.taskStateDir = ha.storage().taskState(jobId);
        this.retained = Math.max(1, retained);
    }

    /** Where TaskExecutors write this job's task state files. */
    public Path taskStateDir() {
        return taskStateDir;
    }

    /**
     * Stores a completed checkpoint (metadata, then pointer), then removes checkpoints beyond the
     * retained count. Once the pointer is stored the checkpoint is complete, whatever happens to
     * the removal of older ones (a failure there is logged; the next add or leader removes them).
     *
     * <p>The outcome is never guessed: a pointer write whose answer was lost is read back by the
     * {@link PointerStore} before this returns or throws.
     *
     * @throws LeadershipLostException if the write was refused (read back: no pointer names this
     *     checkpoint); its metadata file is deleted and its task state files may be too
     * @throws io.spindle.ha.WriteOutcomeUnknownException if whether the pointer was written is
     *     unknown: every file of the checkpoint must be kept, a later leader may restore from it
     * @throws IOException if the write failed for certain (nothing of it is visible)
     */
    public void add(CompletedCheckpoint checkpoint, LeaderFence fence)
            throws IOException, InterruptedException, LeadershipLostException {
        pointers.put(name(checkpoint.checkpointId()), checkpoint.toBytes(), fence);
        try {
            List<String> names = pointers.names();
            for (int i = 0; i < names.size() - retained; i++) {
                removeCheckpoint(names.get(i), fence);
            }
        } catch (IOException | LeadershipLostException e) {
            LOG.warn("Job {}: checkpoint {} is stored, but removing older checkpoints failed (they stay until the next"
                    + " checkpoint or leader removes them): {}", jobId, checkpoint.checkpointId(), e.toString());
        }
    }

    /**
     * The newest readable completed checkpoint. A damaged newer one is logged as an error and
     * skipped.
     *
     * @return empty only when the job has no completed checkpoint at all
     * @throws StateFileException if checkpoints exist but none of them can be read: the job must not
     *     silently restart from empty
     */
    public Optional<CompletedCheckpoint> recoverLatest() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(pointers.names());
        StateFileException firstFailure = null;
        for (int i = names.size() - 1; i >= 0; i--) {
            String name = names.get(i);
            try {
                CompletedCheckpoint checkpoint = CompletedCheckpoint.fromBytes(pointers.get(name),
                        pointers.area() + "/" + name);
                for (StatePointer state : checkpoint.taskStates()) {
                    if (!fs.exists(new Path(state.path()))) {
                        throw new StateFileException(StateFileException.Kind.MISSING, state.path(),
                                "Task state file " + state.path() + " of checkpoint " + checkpoint.checkpointId()
                                        + " is missing");
                    }
                }
                if (firstFailure != null) {
                    LOG.error("Job {}: falling back to checkpoint {} because a newer one is damaged: {}", jobId,
                            checkpoint.checkpointId(), firstFailure.getMessage());
                }
                return Optional.of(checkpoint);
            } catch (StateFileException e) {
                LOG.error("Job {}: checkpoint {} cannot be used: {}", jobId, name, e.getMessage());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            } catch (NoSuchElementException e) {
                LOG.debug("Checkpoint pointer {} vanished while reading", name);
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return Optional.empty();
    }

    /**
     * Removes every checkpoint of the job (pointers first, then metadata and task state files) and
     * its task state folder. What else the backend keeps of the job goes with {@link HaServices#removeJob}.
     */
    public void removeAll(LeaderFence fence)
            throws IOException, InterruptedException, LeadershipLostException {
        for (String name : pointers.names()) {
            removeCheckpoint(name, fence);
        }
        fs.delete(taskStateDir, true);
    }

    /** Deletes task state files written for a checkpoint that did not complete. */
    public void discardTaskStates(List<StatePointer> states) {
        for (StatePointer state : states) {
            deleteQuietly(new Path(state.path()));
        }
    }

    private void removeCheckpoint(String name, LeaderFence fence)
            throws IOException, InterruptedException, LeadershipLostException {
        List<StatePointer> states = List.of();
        try {
            states = CompletedCheckpoint.fromBytes(pointers.get(name), name).taskStates();
        } catch (StateFileException | NoSuchElementException e) {
            LOG.warn("Job {}: removing damaged checkpoint {}; its task state files may stay behind: {}", jobId, name,
                    e.getMessage());
        }
        pointers.remove(name, fence);
        discardTaskStates(states);
    }

    private void deleteQuietly(Path path) {
        try {
            fs.delete(path, false);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {} (an orphaned file, harmless)", path, e.getMessage());
        }
    }

    private static String name(long checkpointId) {
        return String.format("%019d", checkpointId);
    }
}
