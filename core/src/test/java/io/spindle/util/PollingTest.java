package io.spindle.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {

    private static final Duration SHORT = Duration.ofMillis(1);

    @Test
    void returnsTheFirstValueAndStopsAttempting() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        Optional<Integer> value = Polling.poll(SHORT, Duration.ofSeconds(30),
                () -> calls.incrementAndGet() == 3 ? Optional.of(42) : Optional.empty());

        assertThat(value).contains(42);
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpEmptyOnceTheDeadlinePassesAfterAtLeastOneAttempt() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        long start = System.nanoTime();
        Optional<Object> value = Polling.poll(Duration.ofMillis(10), Duration.ofMillis(50), () -> {
            calls.incrementAndGet();
            return Optional.empty();
        });

        assertThat(value).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(calls.get()).isBetween(2, 6);
    }

    @Test
    void aZeroTimeoutStillAttemptsOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        assertThat(Polling.poll(SHORT, Duration.ZERO, () -> Optional.of(calls.incrementAndGet()))).contains(1);
    }

    @Test
    void anAttemptsBoundMakesExactlyThatManyAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        Optional<Object> value = Polling.poll(SHORT, 5, () -> {
            calls.incrementAndGet();
            return Optional.empty();
        });

        assertThat(value).isEmpty();
        assertThat(calls).hasValue(5);
        assertThatThrownBy(() -> Polling.poll(SHORT, 0, Optional::empty)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAttemptsExceptionEndsThePollUnchanged() {
        IOException failure = new IOException("no");
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Polling.pollUntilPresent(SHORT, () -> {
            if (calls.incrementAndGet() == 2) {
                throw failure;
            }
            return Optional.empty();
        })).isSameAs(failure);
        assertThat(calls).hasValue(2);
    }

    @Test
    void anInterruptEndsTheSleepWithInterruptedException() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Polling.poll(Duration.ofMinutes(1), Duration.ofMinutes(5), Optional::empty))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
