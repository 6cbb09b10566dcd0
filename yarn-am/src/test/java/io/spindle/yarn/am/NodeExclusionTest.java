package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.junit.jupiter.api.Test;

class NodeExclusionTest {

    private static final NodeId BAD = NodeId.newInstance("bad.invalid", 45454);
    private static final NodeId SAME_HOST = NodeId.newInstance("bad.invalid", 45455);
    private static final NodeId GOOD = NodeId.newInstance("good.invalid", 45454);

    private final AtomicLong now = new AtomicLong(1_000_000L);

    private NodeExclusion exclusion(int failures, boolean portInName) {
        return new NodeExclusion(failures, Duration.ofMinutes(10), portInName, now::get);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void excludesANodeAtTheThresholdOnceAndCountsNodesApart() {
        NodeExclusion exclusion = exclusion(3, false);

        assertThat(exclusion.failed(BAD)).isEmpty();
        assertThat(exclusion.failed(GOOD)).isEmpty();
        assertThat(exclusion.failed(BAD)).isEmpty();
        assertThat(exclusion.failed(BAD)).contains("bad.invalid");
        assertThat(exclusion.failed(BAD)).as("excluded already").isEmpty();

        assertThat(exclusion.excluded()).containsExactly("bad.invalid");
    }

    @Test
    void forgetsFailuresOlderThanTheExpiry() {
        NodeExclusion exclusion = exclusion(2, false);

        exclusion.failed(BAD);
        advance(Duration.ofMinutes(11));

        assertThat(exclusion.failed(BAD)).isEmpty();
        assertThat(exclusion.excluded()).isEmpty();
    }

    @Test
    void liftsAnExclusionWhenItExpiresAndCountsAfreshAfterIt() {
        NodeExclusion exclusion = exclusion(1, false);
        exclusion.failed(BAD);

        advance(Duration.ofMinutes(9));
        assertThat(exclusion.liftExpired()).isEmpty();
        advance(Duration.ofMinutes(1));
        assertThat(exclusion.liftExpired()).containsExactly("bad.invalid");

        assertThat(exclusion.excluded()).isEmpty();
        assertThat(exclusion.failed(BAD)).contains("bad.invalid");
    }

    @Test
    void namesNodesWithTheirPortWhenTheSchedulerDoes() {
        NodeExclusion exclusion = exclusion(1, true);

        assertThat(exclusion.failed(BAD)).contains("bad.invalid:45454");
        assertThat(exclusion.failed(SAME_HOST)).as("another NodeManager of the host").contains("bad.invalid:45455");
    }

    @Test
    void zeroFailuresExcludesNothing() {
        NodeExclusion exclusion = exclusion(0, false);

        for (int i = 0; i < 5; i++) {
            assertThat(exclusion.failed(BAD)).isEmpty();
        }
        assertThat(exclusion.excluded()).isEmpty();
    }
}
