package io.spindle.ha;

/**
 * Tells whether an election participant is provably finished, so that its latch node may be
 * deleted without waiting for its ZooKeeper session to expire.
 *
 * <p>On YARN the witness is the ResourceManager: an application attempt it reports as finished
 * will never write again (and could not, because writes are fenced). Standalone clusters have no
 * such witness and use {@link #NEVER}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ParticipantFinishedPredicate {

    /** Never preempts: wait for the session timeout. */
    ParticipantFinishedPredicate NEVER = participantId -> false;

    /**
     * @param participantId the id a participant recorded in its latch node
     * @return true only if that participant is certainly finished; false when unsure
     * @throws Exception if the witness could not be asked (treated as "unsure")
     */
    boolean isFinished(String participantId) throws Exception;
}
