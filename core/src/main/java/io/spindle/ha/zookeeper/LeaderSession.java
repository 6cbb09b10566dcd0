package io.spindle.ha.zookeeper;

import java.util.UUID;

/**
 * One term of leadership: its id (the fencing token TaskExecutors check) and the fence that
 * guards its metadata writes in ZooKeeper.
 *
 * @param id    the leader session id, new on every grant
 * @param fence fenced writes of this session; invalid once the session ended
 */
public record LeaderSession(UUID id, ZooKeeperLeaderFence fence) {

    /** @return true while this session may still be the leader */
    public boolean isValid() {
        return fence.isValid();
    }
}
