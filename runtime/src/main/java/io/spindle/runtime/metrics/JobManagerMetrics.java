package io.spindle.runtime.metrics;

import com.google.common.base.Suppliers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobManagerEvents;
import io.spindle.runtime.jobmanager.JobManagerGateway;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.NotLeaderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The JobManager's job metrics: checkpoint durations (a histogram) and failures, job restarts
 * (counted as they happen, through {@link JobManagerEvents}), and, read at scrape time from the
 * JobManager, jobs per state, registered TaskExecutors and slots. A standby reports 0 jobs and 0
 * TaskExecutors. No metric has a per-job label, so the number of series stays bounded in sessions
 * with many jobs.
 *
 * <p>Thread-safe. Scrape-time reads are cached for half a second, so one scrape asks the
 * JobManager's main thread twice at most.
 */
public final class JobManagerMetrics implements JobManagerEvents {

    private static final Duration[] CHECKPOINT_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(600)};

    private final Timer checkpointDuration;
    private final Counter checkpointFailures;
    private final Counter restarts;
    private Supplier<ClusterOverview> overview = () -> null;
    private Supplier<List<JobStatus>> jobs = List::of;

    /** Registers the meters; the scrape-time gauges read 0 until {@link #observe} is called. */
    public JobManagerMetrics(MeterRegistry registry) {
        checkpointDuration = Timer.builder("spindle.checkpoint.duration")
                .description("Completed checkpoints of this leader, from trigger to stored")
                .serviceLevelObjectives(CHECKPOINT_BUCKETS)
                .register(registry);
        checkpointFailures = Counter.builder("spindle.checkpoint.failures")
                .description("Checkpoints of this leader that failed (declined, timed out or not stored)")
                .register(registry);
        restarts = Counter.builder("spindle.job.restarts")
                .description("Job restarts after failures, by this JobManager while leading")
                .register(registry);
        for (JobState state : JobState.values()) {
            Gauge.builder("spindle.jobs", this, m -> m.count(state))
                    .description("Jobs this leader knows, by state (0 on a standby)")
                    .tag("state", state.name())
                    .register(registry);
        }
        Gauge.builder("spindle.taskexecutors.registered", this, m -> m.overviewValue(ClusterOverview::taskExecutors))
                .description("TaskExecutors registered with this leader (0 on a standby)")
                .register(registry);
        Gauge.builder("spindle.slots", this, m -> m.overviewValue(ClusterOverview::slotsTotal))
                .description("Slots of the registered TaskExecutors")
                .register(registry);
        Gauge.builder("spindle.slots.free", this, m -> m.overviewValue(ClusterOverview::slotsFree))
                .description("Free slots of the registered TaskExecutors")
                .register(registry);
    }

    /** Reads jobs and slots from {@code gateway} at scrape time from now on. */
    public synchronized void observe(JobManagerGateway gateway) {
        overview = Suppliers.memoizeWithExpiration(gateway::overview, 500, TimeUnit.MILLISECONDS);
        jobs = Suppliers.memoizeWithExpiration(() -> {
            try {
                return gateway.jobs();
            } catch (NotLeaderException e) {
                return List.of();
            }
        }, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void checkpointCompleted(String jobId, long checkpointId, long durationMs) {
        checkpointDuration.record(Math.max(0, durationMs), TimeUnit.MILLISECONDS);
    }

    @Override
    public void checkpointFailed(String jobId, long checkpointId) {
        checkpointFailures.increment();
    }

    @Override
    public void jobRestarting(String jobId) {
        restarts.increment();
    }

    private synchronized Supplier<List<JobStatus>> jobs() {
        return jobs;
    }

    private synchronized Supplier<ClusterOverview> overview() {
        return overview;
    }

    private double count(JobState state) {
        return jobs().get().stream().filter(job -> job.state() == state).count();
    }

    private double overviewValue(java.util.function.ToIntFunction<ClusterOverview> value) {
        ClusterOverview current = overview().get();
        return current == null || !current.leader() ? 0 : value.applyAsInt(current);
    }
}
