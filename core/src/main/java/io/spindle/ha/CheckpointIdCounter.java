package io.spindle.ha;

import java.io.IOException;

/**
 * The checkpoint id counter of one job.
 *
 * <p>Guarantee: ids handed out by {@link #getAndIncrement} are unique and increasing across all
 * leaders of the cluster: ids that take effect (completed checkpoints, which are fenced) from a
 * later leader are greater than every id of an earlier one. Implementations may skip ids (after a
 * failover). The first id of a job is {@value #INITIAL_CHECKPOINT_ID}.
 *
 * <p>Implementations are thread-safe.
 */
public interface CheckpointIdCounter {

    /** The first checkpoint id of a job. */
    long INITIAL_CHECKPOINT_ID = 1;

    /**
     * @param fence the leader's fence
     * @return a new checkpoint id
     * @throws LeadershipLostException if the fence is broken or refused a reservation
     * @throws IOException             if the backend failed or holds garbage
     * @throws InterruptedException    if interrupted
     */
    long getAndIncrement(LeaderFence fence) throws LeadershipLostException, IOException, InterruptedException;

    /**
     * @return the id the next {@link #getAndIncrement} would return, as far as this instance knows
     * @throws IOException          if the backend failed or holds garbage
     * @throws InterruptedException if interrupted
     */
    long get() throws IOException, InterruptedException;

    /**
     * Makes every id handed out from now on at least {@code minimumNextId}. Never lowers the counter.
     *
     * @throws LeadershipLostException  if the fence is broken or refused the update
     * @throws IOException              if the backend failed
     * @throws InterruptedException     if interrupted
     * @throws IllegalArgumentException if {@code minimumNextId} is below {@link #INITIAL_CHECKPOINT_ID}
     */
    void advanceTo(long minimumNextId, LeaderFence fence) throws LeadershipLostException, IOException, InterruptedException;
}
