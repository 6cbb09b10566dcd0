package io.spindle.testing.ha;

import io.spindle.ha.CheckpointIdCounter;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;

/**
 * An in-memory {@link CheckpointIdCounter} without gaps: ids 1, 2, 3, ... across all sessions that
 * use it (one instance per job in a {@link TestingHaServices}), fenced like the real one.
 * Thread-safe.
 */
public final class TestingCheckpointIdCounter implements CheckpointIdCounter {

    private long next = INITIAL_CHECKPOINT_ID;

    @Override
    public synchronized long getAndIncrement(LeaderFence fence) throws LeadershipLostException {
        TestingLeaderFence.check(fence, "checkpoint id reservation");
        return next++;
    }

    @Override
    public synchronized long get() {
        return next;
    }

    @Override
    public synchronized void advanceTo(long minimumNextId, LeaderFence fence) throws LeadershipLostException {
        if (minimumNextId < INITIAL_CHECKPOINT_ID) {
            throw new IllegalArgumentException("Checkpoint ids start at " + INITIAL_CHECKPOINT_ID + ", not " + minimumNextId);
        }
        TestingLeaderFence.check(fence, "checkpoint id counter update");
        next = Math.max(next, minimumNextId);
    }
}
