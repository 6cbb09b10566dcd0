package io.spindle.minicluster;

import java.time.Duration;

/**
 * How an embedded ZooKeeper server keeps time and which client sessions it accepts: the tick, and
 * the bounds a client's requested session timeout is clamped to.
 *
 * <p>The {@linkplain #defaults() defaults}, 500 ms ticks and sessions of 1 s to 60 s, let tests and
 * demos ask for short sessions (ZooKeeper's own bounds would be 2 and 20 ticks).
 *
 * <p>Immutable and thread-safe.
 *
 * @param tickTimeMs          the server's tick in milliseconds; sessions expire on tick boundaries
 * @param minSessionTimeoutMs the shortest session timeout the server grants
 * @param maxSessionTimeoutMs the longest session timeout the server grants
 * @param maxClientConnections the most connections one client address may open (0: no limit)
 */
public record ZooKeeperSettings(int tickTimeMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                                int maxClientConnections) {

    /**
     * @throws IllegalArgumentException if the tick is not positive, the session bounds are not
     *                                  {@code 0 < min <= max}, or the connection limit is negative
     */
    public ZooKeeperSettings {
        if (tickTimeMs < 1) {
            throw new IllegalArgumentException("tick time must be positive: " + tickTimeMs + " ms");
        }
        if (minSessionTimeoutMs < 1 || minSessionTimeoutMs > maxSessionTimeoutMs) {
            throw new IllegalArgumentException("bad session timeout range: " + minSessionTimeoutMs + ".."
                    + maxSessionTimeoutMs + " ms");
        }
        if (maxClientConnections < 0) {
            throw new IllegalArgumentException("negative connection limit: " + maxClientConnections);
        }
    }

    /** Ticks of 500 ms, sessions of 1 s to 60 s, up to 200 connections per client address. */
    public static ZooKeeperSettings defaults() {
        return new ZooKeeperSettings(500, 1_000, 60_000, 200);
    }

    /** These settings with another tick; the session bounds stay as they are. */
    public ZooKeeperSettings withTickTime(Duration tickTime) {
        return new ZooKeeperSettings(toMillis(tickTime), minSessionTimeoutMs, maxSessionTimeoutMs,
                maxClientConnections);
    }

    /** These settings with other session timeout bounds. */
    public ZooKeeperSettings withSessionTimeouts(Duration min, Duration max) {
        return new ZooKeeperSettings(tickTimeMs, toMillis(min), toMillis(max), maxClientConnections);
    }

    /** These settings with another per-address connection limit (0: no limit). */
    public ZooKeeperSettings withMaxClientConnections(int limit) {
        return new ZooKeeperSettings(tickTimeMs, minSessionTimeoutMs, maxSessionTimeoutMs, limit);
    }

    private static int toMillis(Duration duration) {
        long ms = duration.toMillis();
        if (ms < 0 || ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("duration out of range: " + duration);
        }
        return (int) ms;
    }
}
