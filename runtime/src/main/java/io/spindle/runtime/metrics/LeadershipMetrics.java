package io.spindle.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeaderSession;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Leadership metrics of one JobManager, measured by standing between the election and the
 * JobManager ({@link #around}): whether it leads (0/1), how many leader sessions it was granted and
 * lost, and its time to lead: from when it last saw no leader (through {@link LeaderRetrievalListener},
 * or its own start, whichever is later) until it was granted leadership.
 *
 * <p>Thread-safe. The contender it wraps is called first and exactly as the election calls this.
 */
public final class LeadershipMetrics implements LeaderRetrievalListener {

    private final Counter grants;
    private final Counter revocations;
    private final LongSupplier clock;
    private volatile boolean leading;
    private volatile long leaderlessSinceNanos;
    private volatile double timeToLeadSeconds = Double.NaN;

    /** Registers the meters, with the process start as the first leaderless instant. */
    public LeadershipMetrics(MeterRegistry registry) {
        this(registry, System::nanoTime);
    }

    LeadershipMetrics(MeterRegistry registry, LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.leaderlessSinceNanos = nanoClock.getAsLong();
        Gauge.builder("spindle.jobmanager.leader", this, m -> m.leading ? 1 : 0)
                .description("1 while this JobManager leads, else 0")
                .register(registry);
        grants = Counter.builder("spindle.jobmanager.leadership.grants")
                .description("Leader sessions granted to this JobManager (its first election and each failover to it)")
                .register(registry);
        revocations = Counter.builder("spindle.jobmanager.leadership.revocations")
                .description("Leader sessions of this JobManager that ended (revoked, lost ZooKeeper connection, fenced)")
                .register(registry);
        Gauge.builder("spindle.jobmanager.time.to.lead", this, m -> m.timeToLeadSeconds)
                .description("Of the latest grant: seconds from when this JobManager last saw no leader (or started)"
                        + " until it led; NaN before its first grant")
                .baseUnit("seconds")
                .register(registry);
    }

    /** {@code contender}, with every grant and revoke measured on the way. */
    public LeaderContender around(LeaderContender contender) {
        return new LeaderContender() {
            @Override
            public void grantLeadership(LeaderSession session) {
                granted();
                contender.grantLeadership(session);
            }

            @Override
            public void revokeLeadership(LeaderSession session) {
                revoked();
                contender.revokeLeadership(session);
            }
        };
    }

    /** @return the time to lead of the latest grant in seconds, NaN before the first */
    public double timeToLeadSeconds() {
        return timeToLeadSeconds;
    }

    /** A leader disappeared: the next grant's time to lead counts from now. */
    @Override
    public void leaderChanged(Optional<LeaderInfo> leader) {
        if (leader.isEmpty() && !leading) {
            leaderlessSinceNanos = clock.getAsLong();
        }
    }

    private void granted() {
        timeToLeadSeconds = (clock.getAsLong() - leaderlessSinceNanos) / 1e9;
        leading = true;
        grants.increment();
    }

    private void revoked() {
        leading = false;
        leaderlessSinceNanos = clock.getAsLong();
        revocations.increment();
    }
}
