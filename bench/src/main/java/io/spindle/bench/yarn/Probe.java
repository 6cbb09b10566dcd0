package io.spindle.bench.yarn;

import io.spindle.util.Polling;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress lines of a YARN scenario and bounded waits that say what they wait for: a probe polled
 * every 100 ms, a "... waiting for" line every 5 s. Not thread-safe; one scenario uses it.
 */
final class Probe {

    private final PrintStream out;

    /** @param out where progress goes */
    Probe(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints one indented progress line. */
    void progress(String format, Object... args) {
        out.printf("  %s%n", String.format(format, args));
        out.flush();
    }

    /**
     * Polls {@code probe} every 100 ms until it yields a value; failures of a probe count as "not yet".
     *
     * @throws IllegalStateException naming {@code what} when {@code timeout} passes first
     * @throws InterruptedException if interrupted while waiting
     */
    <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long started = System.nanoTime();
        long[] lastDot = {started};
        return Polling.<T, RuntimeException>poll(Duration.ofMillis(100), timeout, () -> {
            Optional<T> value;
            try {
                value = probe.get();
            } catch (RuntimeException e) {
                value = Optional.empty();
            }
            if (value.isEmpty() && System.nanoTime() - lastDot[0] > TimeUnit.SECONDS.toNanos(5)) {
                progress("... waiting for %s (%d s)", what, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                lastDot[0] = System.nanoTime();
            }
            return value;
        }).orElseThrow(() -> new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what));
    }
}
