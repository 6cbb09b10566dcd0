package io.spindle.ha;

import java.io.Closeable;
import java.util.Optional;
import java.util.UUID;

/**
 * This process's part in the election of the one active JobManager of a cluster.
 *
 * <p>Life cycle: created latent; {@link #start} joins the election once; {@link #close} leaves it
 * for good. On every grant the election starts a new {@link LeaderSession} (fresh id, a fence of
 * its own), publishes the {@link LeaderInfo} for followers and then tells the
 * {@link LeaderContender}; on revoke it breaks the session's fence first and then tells the
 * contender. The contender hears grants and revokes in order, on one notification thread, and a
 * grant is always followed by the revoke of the same session before the next grant.
 *
 * <p>Thread-safe.
 */
public interface LeaderElection extends Closeable {

    /**
     * Joins the election.
     *
     * @param rpcAddress the RPC address to publish when leading ({@code host:port}), may be empty
     * @param restUrl    the REST endpoint to publish when leading, may be empty
     * @throws IllegalStateException if the election was started or closed before
     */
    void start(String rpcAddress, String restUrl);

    /**
     * Sets the addresses to publish, for a participant that joined the election before its
     * endpoints were up ({@link #start} with empty addresses). While this process leads, the
     * leader information of the current session is published again with them, written through the
     * session's fence; otherwise they are published with the next grant. Followers see the leader
     * first with empty addresses, then with these: they must treat an empty address as "not known
     * yet". Does nothing after {@link #close}.
     *
     * @param rpcAddress the RPC address ({@code host:port})
     * @param restUrl    the REST endpoint
     * @throws IllegalStateException if the election was not started
     */
    void publishAddresses(String rpcAddress, String restUrl);

    /** @return the current leader session, if this process leads and the session is valid */
    Optional<LeaderSession> currentSession();

    /**
     * @param sessionId a leader session id
     * @return true if {@code sessionId} is this process's current, valid leader session
     */
    default boolean hasLeadership(UUID sessionId) {
        return currentSession().map(s -> s.id().equals(sessionId)).orElse(false);
    }

    /** @return who this process is in the election (e.g. the YARN attempt id) */
    String participantId();

    /**
     * Leaves the election: revokes the current session (if any), removes the published leader
     * information, so that the next participant leads at once. Idempotent; a latent election is
     * closed without ever joining.
     */
    @Override
    void close();
}
