package io.spindle.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Leadership metrics around a contender, on a hand-moved clock. */
class LeadershipMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LeadershipMetrics metrics = new LeadershipMetrics(registry, nanos::get);
    private final List<String> calls = new ArrayList<>();
    private final LeaderContender contender = metrics.around(new LeaderContender() {
        @Override
        public void grantLeadership(LeaderSession session) {
            calls.add("grant " + session);
        }

        @Override
        public void revokeLeadership(LeaderSession session) {
            calls.add("revoke " + session);
        }
    });

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void timeToLeadCountsFromStartThenFromTheLastLeaderlessMoment() {
        assertThat(gauge("spindle.jobmanager.time.to.lead")).isNaN();
        nanos.addAndGet(2_500_000_000L);
        contender.grantLeadership(null);

        assertThat(calls).containsExactly("grant null");
        assertThat(gauge("spindle.jobmanager.leader")).isEqualTo(1);
        assertThat(gauge("spindle.jobmanager.time.to.lead")).isEqualTo(2.5);
        assertThat(registry.get("spindle.jobmanager.leadership.grants").counter().count()).isEqualTo(1);

        contender.revokeLeadership(null);
        assertThat(gauge("spindle.jobmanager.leader")).isZero();
        nanos.addAndGet(10_000_000_000L);
        metrics.leaderChanged(Optional.of(new LeaderInfo("other", "h:1", "http://h:2", java.util.UUID.randomUUID())));
        nanos.addAndGet(5_000_000_000L);
        metrics.leaderChanged(Optional.empty());
        nanos.addAndGet(1_000_000_000L);
        contender.grantLeadership(null);

        assertThat(gauge("spindle.jobmanager.time.to.lead")).isEqualTo(1.0);
        assertThat(registry.get("spindle.jobmanager.leadership.revocations").counter().count()).isEqualTo(1);
        assertThat(registry.get("spindle.jobmanager.leadership.grants").counter().count()).isEqualTo(2);
    }
}
