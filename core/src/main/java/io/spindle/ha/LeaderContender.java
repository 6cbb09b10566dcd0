package io.spindle.ha;

/**
 * A component that competes for leadership (the JobManager).
 *
 * <p>Calls come from the election's single notification thread, in order: a grant is always
 * followed by a revoke of the same session before the next grant. Implementations must return
 * quickly; long work (recovery) belongs on the contender's own threads and must check
 * {@link LeaderSession#isValid()} or rely on fenced writes.
 */
public interface LeaderContender {

    /**
     * This process is now the leader.
     *
     * @param session the new leader session: its id fences commands to TaskExecutors, its fence
     *                guards every metadata write
     */
    void grantLeadership(LeaderSession session);

    /**
     * This process is no longer the leader: stop all job activity of {@code session} at once.
     *
     * @param session the session that ended
     */
    void revokeLeadership(LeaderSession session);
}
