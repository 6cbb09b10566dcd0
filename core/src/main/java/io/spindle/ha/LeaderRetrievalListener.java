package io.spindle.ha;

import java.util.Optional;

/**
 * Learns who leads. Called on the retrieval's notification thread, in the order ZooKeeper
 * reported the changes; an empty value means no leader is known (none elected yet, or the last
 * one's session ended).
 */
@FunctionalInterface
public interface LeaderRetrievalListener {

    /**
     * @param leader the current leader, or empty when there is none
     */
    void leaderChanged(Optional<LeaderInfo> leader);
}
