package io.spindle.ha;

import java.io.IOException;
import java.util.UUID;

/**
 * The fence of one leader session: proof, checked by the HA backend at every write, that the
 * writer still leads. Stores ({@link PointerStore}, {@link CheckpointIdCounter}) take it with every
 * write and refuse the write with {@link LeadershipLostException} once the session has ended, so
 * a deposed leader (paused, partitioned, slow) cannot change recovery data.
 *
 * <p>A fence belongs to the backend that issued it: passing it to a store of another backend
 * fails with {@link IllegalArgumentException}.
 *
 * <p>Implementations are thread-safe.
 */
public interface LeaderFence {

    /** @return the leader session this fence guards */
    UUID leaderSessionId();

    /**
     * @return false once a write was refused for lost leadership or {@link #invalidate()} ran; true
     *     does not prove leadership (only a fenced write does)
     */
    boolean isValid();

    /** Breaks the fence: every later write through it fails. Idempotent. */
    void invalidate();

    /**
     * A fenced write that changes nothing: returns only if this session still led when the backend
     * checked. Used before writes that the backend cannot fence by itself (files in storageDir).
     *
     * @throws LeadershipLostException if this session no longer leads (the fence is then broken)
     * @throws IOException             if the backend could not be asked
     * @throws InterruptedException    if interrupted while waiting
     */
    void confirmLeadership() throws LeadershipLostException, IOException, InterruptedException;
}
