package io.spindle.api;

/**
 * One parallel instance of a job, driven by a TaskExecutor thread.
 *
 * <p>The life cycle is: {@link #open} once, with the state of the latest completed checkpoint (or
 * {@code null} on a fresh start); then {@link #step} repeatedly, with {@link #snapshotState}
 * and {@link #notifyCheckpointComplete} called only between steps, never concurrently with one;
 * then {@link #close}, always, also after a failure or a cancellation.
 *
 * <p>A bounded task whose {@code step} has returned {@code false} stays open: it still takes part
 * in checkpoints (snapshotting its final state) until a checkpoint taken after every task of the
 * job finished completes. Only then is the job finished, so output committed on completion of that
 * last checkpoint is exactly-once.
 *
 * <p>Exactly-once contract: state returned by {@code snapshotState(n)} must be enough to reproduce
 * every effect after it; effects visible to the outside world must be committed only in
 * {@code notifyCheckpointComplete(n)} (or, after a recovery, in {@code open} for the checkpoints
 * the restored state names), and committing the same checkpoint twice must be harmless.
 *
 * <p>Called by one thread at a time; implementations need not be thread-safe.
 */
public interface Task extends AutoCloseable {

    /**
     * Opens the task.
     *
     * @param restoredState the bytes this task's {@link #snapshotState} returned for the checkpoint
     *     the job resumes from, or {@code null} when there is none
     * @throws Exception to fail the task; the job is restarted per its restart strategy
     */
    void open(byte[] restoredState) throws Exception;

    /**
     * Does one bounded piece of work. Keep it short (milliseconds): checkpoints and cancellation
     * wait for the step in progress to return.
     *
     * @return {@code true} while there is more work, {@code false} once the task is done
     * @throws Exception to fail the task
     */
    boolean step() throws Exception;

    /**
     * Returns the task's state as of now, for checkpoint {@code checkpointId}. Also the moment to
     * pre-commit pending output (flush and close a transaction) for that checkpoint.
     *
     * @throws Exception to decline the checkpoint and fail the task
     */
    byte[] snapshotState(long checkpointId) throws Exception;

    /**
     * Checkpoint {@code checkpointId} (and so every earlier one) is durable: commit its output.
     *
     * @throws Exception to fail the task
     */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {}

    /** Releases resources. Uncommitted output is left for the next {@link #open} to discard. */
    @Override
    void close() throws Exception;
}
