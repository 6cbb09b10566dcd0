package io.spindle.yarn.am;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * A sliding-window failure counter: {@code maxFailures} container failures are tolerated within
 * any {@code interval}; the next one within it exceeds the limit
 * ({@code yarn.taskmanager.max-failed-containers} per {@code yarn.taskmanager.failure-rate-interval}).
 * Failures older than the interval are forgotten.
 *
 * <p>Not thread-safe: its owner ({@link YarnResourceDriver}) calls it under its own lock.
 */
final class ContainerFailureRate {

    private final int maxFailures;
    private final Duration interval;
    private final LongSupplier nanoTime;
    private final Deque<Long> failureTimes = new ArrayDeque<>();

    /**
     * @param maxFailures failures tolerated per interval (0: the first failure exceeds the limit)
     * @param interval the window
     */
    ContainerFailureRate(int maxFailures, Duration interval) {
        this(maxFailures, interval, System::nanoTime);
    }

    /**
     * @param maxFailures failures tolerated per interval; a negative value counts as 0
     * @param interval the window; a negative one counts as zero (only the failure being recorded is in it)
     * @param nanoTime the monotonic clock, in nanoseconds
     */
    ContainerFailureRate(int maxFailures, Duration interval, LongSupplier nanoTime) {
        this.maxFailures = Math.max(0, maxFailures);
        this.interval = interval.isNegative() ? Duration.ZERO : interval;
        this.nanoTime = nanoTime;
    }

    /**
     * Records one failure now.
     *
     * @return whether the failures within the interval, this one included, exceed the limit
     */
    boolean recordAndCheckExceeded() {
        long now = nanoTime.getAsLong();
        failureTimes.addLast(now);
        while (now - failureTimes.getFirst() > interval.toNanos()) {
            failureTimes.removeFirst();
        }
        return failureTimes.size() > maxFailures;
    }

    /** @return the failures recorded within the interval as of the last {@link #recordAndCheckExceeded} */
    int recentFailures() {
        return failureTimes.size();
    }

    /** @return the user-facing explanation of an exceeded limit */
    String describeExceeded() {
        return failureTimes.size() + " TaskExecutor containers failed within " + interval.toSeconds()
                + " s (yarn.taskmanager.max-failed-containers = " + maxFailures + ")";
    }
}
