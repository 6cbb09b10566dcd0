package io.spindle.util;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Bounded polling: calls an {@link Attempt} until it yields a value, sleeping a fixed interval
 * between calls. The bound is a deadline ({@link #poll(Duration, Duration, Attempt)}), a number of
 * attempts ({@link #poll(Duration, int, Attempt)}), or, for a caller that bounds its own wait inside
 * the attempt, none ({@link #pollUntilPresent(Duration, Attempt)}).
 *
 * <p>The first attempt is made at once; there is no sleep after the last one. An attempt's exception
 * ends the poll and propagates unchanged; an attempt that wants to ride out a failure catches it and
 * returns empty. Interrupts are not swallowed: a sleep that is interrupted throws
 * {@link InterruptedException} with the thread's interrupt status cleared, as {@link Thread#sleep} does.
 *
 * <p>Stateless and thread-safe; the attempt runs on the calling thread.
 */
public final class Polling {

    /**
     * One try at obtaining a value.
     *
     * @param <T> the value
     * @param <E> what the attempt may throw to end the poll
     */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {

        /** @return the value, or empty to try again after the interval */
        Optional<T> attempt() throws E, InterruptedException;
    }

    private Polling() {}

    /**
     * Calls {@code attempt} every {@code interval} until it yields a value or {@code timeout} has
     * passed. The deadline is checked after each attempt, so at least one attempt is made and the
     * last one may start up to one interval after the deadline.
     *
     * @return the value, or empty if the deadline passed first
     * @throws E what the attempt threw
     * @throws InterruptedException if interrupted while sleeping or attempting
     */
    public static <T, E extends Exception> Optional<T> poll(Duration interval, Duration timeout, Attempt<T, E> attempt)
            throws E, InterruptedException {
        long intervalNanos = interval.toNanos();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = Objects.requireNonNull(attempt.attempt(), "an attempt returned null");
            if (value.isPresent() || System.nanoTime() - deadline >= 0) {
                return value;
            }
            TimeUnit.NANOSECONDS.sleep(intervalNanos);
        }
    }

    /**
     * Calls {@code attempt} at most {@code attempts} times, {@code interval} apart, until it yields a
     * value.
     *
     * @return the value, or empty if every attempt came back empty
     * @throws IllegalArgumentException if {@code attempts} is below 1
     * @throws E what the attempt threw
     * @throws InterruptedException if interrupted while sleeping or attempting
     */
    public static <T, E extends Exception> Optional<T> poll(Duration interval, int attempts, Attempt<T, E> attempt)
            throws E, InterruptedException {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        for (int i = 1; ; i++) {
            Optional<T> value = Objects.requireNonNull(attempt.attempt(), "an attempt returned null");
            if (value.isPresent() || i == attempts) {
                return value;
            }
            TimeUnit.NANOSECONDS.sleep(interval.toNanos());
        }
    }

    /**
     * Calls {@code attempt} every {@code interval} until it yields a value, however long that takes.
     * Only for an attempt that bounds the wait itself (say, by throwing once a failure has lasted too
     * long) or a wait that may legitimately last as long as the watched thing runs.
     *
     * @return the value
     * @throws E what the attempt threw
     * @throws InterruptedException if interrupted while sleeping or attempting
     */
    public static <T, E extends Exception> T pollUntilPresent(Duration interval, Attempt<T, E> attempt)
            throws E, InterruptedException {
        while (true) {
            Optional<T> value = Objects.requireNonNull(attempt.attempt(), "an attempt returned null");
            if (value.isPresent()) {
                return value.get();
            }
            TimeUnit.NANOSECONDS.sleep(interval.toNanos());
        }
    }
}
