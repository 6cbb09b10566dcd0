package io.spindle.ha;

import java.util.Objects;
import java.util.UUID;

/**
 * One term of leadership: its id (the fencing token TaskExecutors check) and the fence that
 * guards its metadata writes.
 *
 * <p>Immutable and thread-safe; validity is the fence's and may change at any time.
 *
 * @param id    the leader session id, new on every grant
 * @param fence fenced writes of this session; invalid once the session ended
 */
public record LeaderSession(UUID id, LeaderFence fence) {

    /** Checks the components. */
    public LeaderSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fence, "fence");
    }

    /** @return true while this session may still be the leader */
    public boolean isValid() {
        return fence.isValid();
    }
}
