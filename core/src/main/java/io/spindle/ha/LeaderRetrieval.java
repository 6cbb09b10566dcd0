package io.spindle.ha;

import java.io.Closeable;
import java.util.Optional;

/**
 * Follows the published leader of a cluster and tells its {@link LeaderRetrievalListener} the
 * current leader and every change (each distinct value once).
 *
 * <p>Thread-safe; {@link #currentLeader()} may be called from any thread.
 */
public interface LeaderRetrieval extends Closeable {

    /** Starts following; the listener hears the current state once it is known. */
    void start();

    /** @return the leader as last seen, or empty when none is known */
    Optional<LeaderInfo> currentLeader();

    /** Stops following. Idempotent. */
    @Override
    void close();
}
