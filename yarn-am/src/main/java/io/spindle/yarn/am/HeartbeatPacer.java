package io.spindle.yarn.am;

import java.util.function.IntConsumer;

/**
 * How often the AM heartbeats the ResourceManager: every {@link #PENDING_MS} while container
 * requests are outstanding (allocations arrive with heartbeats, so a TaskExecutor container is
 * handed over sooner), every {@link #IDLE_MS} when none are. Counts the requests added and removed
 * and sets the interval when the count leaves or reaches zero.
 *
 * <p>Thread-safe: the count is guarded by this object's lock, and the interval is set under it.
 */
final class HeartbeatPacer {

    /** The interval with no request outstanding (YARN's usual 1 s). */
    static final int IDLE_MS = 1000;
    /** The interval while requests are outstanding. */
    static final int PENDING_MS = 200;

    private final IntConsumer setInterval;
    private int outstanding;

    /** @param setInterval sets the heartbeat interval in ms, e.g. {@code AMRMClientAsync::setHeartbeatInterval} */
    HeartbeatPacer(IntConsumer setInterval) {
        this.setInterval = setInterval;
    }

    /** A request was added. */
    synchronized void requestAdded() {
        if (outstanding++ == 0) {
            setInterval.accept(PENDING_MS);
        }
    }

    /** A request was removed (allocated or withdrawn); more removals than additions are ignored. */
    synchronized void requestRemoved() {
        if (outstanding > 0 && --outstanding == 0) {
            setInterval.accept(IDLE_MS);
        }
    }
}
