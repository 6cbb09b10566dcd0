package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ContainerFailureRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000L);

    private ContainerFailureRate rate(int maxFailures, Duration interval) {
        return new ContainerFailureRate(maxFailures, interval, now::get);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void toleratesMaxFailuresWithinTheIntervalAndNotOneMore() {
        ContainerFailureRate rate = rate(3, Duration.ofMinutes(5));

        assertThat(rate.recordAndCheckExceeded()).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(rate.recordAndCheckExceeded()).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(rate.recordAndCheckExceeded()).isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(rate.recordAndCheckExceeded()).isTrue();
        assertThat(rate.recentFailures()).isEqualTo(4);
        assertThat(rate.describeExceeded())
                .isEqualTo("4 TaskExecutor containers failed within 300 s (yarn.taskmanager.max-failed-containers = 3)");
    }

    @Test
    void forgetsFailuresOlderThanTheInterval() {
        ContainerFailureRate rate = rate(1, Duration.ofSeconds(10));

        assertThat(rate.recordAndCheckExceeded()).isFalse();
        advance(Duration.ofSeconds(11));
        assertThat(rate.recordAndCheckExceeded()).as("the first failure left the window").isFalse();
        assertThat(rate.recentFailures()).isEqualTo(1);
        advance(Duration.ofSeconds(10));
        assertThat(rate.recordAndCheckExceeded()).as("exactly one interval apart is still within it").isTrue();
    }

    @Test
    void zeroToleratedFailuresExceedsOnTheFirst() {
        assertThat(rate(0, Duration.ofSeconds(1)).recordAndCheckExceeded()).isTrue();
    }

    @Test
    void aNegativeLimitIsZeroAndAnEmptyIntervalHoldsOnlyTheCurrentFailure() {
        assertThat(rate(-1, Duration.ofSeconds(1)).recordAndCheckExceeded()).isTrue();

        ContainerFailureRate empty = rate(1, Duration.ZERO);
        assertThat(empty.recordAndCheckExceeded()).isFalse();
        advance(Duration.ofNanos(1));
        assertThat(empty.recordAndCheckExceeded()).isFalse();
        assertThat(empty.recentFailures()).isEqualTo(1);
        assertThat(rate(1, Duration.ofSeconds(-1)).recordAndCheckExceeded()).isFalse();
    }
}
