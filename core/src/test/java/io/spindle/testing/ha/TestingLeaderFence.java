package io.spindle.testing.ha;

import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeadershipLostException;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fence of a {@link TestingLeaderElection} session: valid from the grant until the test
 * revokes the session (or something invalidates it). The Testing stores check it under their own
 * lock, so a write by a revoked session fails with {@link LeadershipLostException} and leaves
 * nothing behind, as a fenced ZooKeeper transaction would. Thread-safe.
 */
public final class TestingLeaderFence implements LeaderFence {

    private final UUID sessionId;
    private final AtomicBoolean valid = new AtomicBoolean(true);

    /** @param sessionId the session it guards */
    public TestingLeaderFence(UUID sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public UUID leaderSessionId() {
        return sessionId;
    }

    @Override
    public boolean isValid() {
        return valid.get();
    }

    @Override
    public void invalidate() {
        valid.set(false);
    }

    @Override
    public void confirmLeadership() throws LeadershipLostException {
        check("confirmation of leadership");
    }

    /**
     * @param what the refused write, for the message
     * @throws LeadershipLostException if the session ended
     */
    public void check(String what) throws LeadershipLostException {
        if (!valid.get()) {
            throw new LeadershipLostException("Leader session " + sessionId + " is no longer the leader; " + what + " refused");
        }
    }

    /**
     * @param fence a fence given to a Testing store
     * @param what  the write, for the message
     * @throws LeadershipLostException  if it is no longer valid
     * @throws IllegalArgumentException if it is not a Testing fence
     */
    static void check(LeaderFence fence, String what) throws LeadershipLostException {
        if (!(fence instanceof TestingLeaderFence testing)) {
            throw new IllegalArgumentException("A Testing store needs a fence of a TestingLeaderElection, not "
                    + (fence == null ? "null" : fence.getClass().getName()));
        }
        testing.check(what);
    }
}
