package io.spindle.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spindle.runtime.taskexecutor.TaskExecutor;

/**
 * A TaskExecutor's metrics, read at scrape time: its slots, the tasks it runs, whether it is
 * registered with a leader, and how long ago it last heard from that leader. Thread-safe.
 */
public final class TaskExecutorMetrics {

    private TaskExecutorMetrics() {
    }

    /** Registers the gauges of {@code te} in {@code registry}. */
    public static void bind(TaskExecutor te, MeterRegistry registry) {
        Gauge.builder("spindle.taskexecutor.slots", te, TaskExecutor::slots)
                .description("Task slots of this TaskExecutor")
                .register(registry);
        Gauge.builder("spindle.taskexecutor.tasks.running", te, TaskExecutor::runningTasks)
                .description("Tasks this TaskExecutor runs (one slot each)")
                .register(registry);
        Gauge.builder("spindle.taskexecutor.registered", te, t -> t.isRegistered() ? 1 : 0)
                .description("1 while registered with the leader it follows, else 0")
                .register(registry);
        Gauge.builder("spindle.taskexecutor.leader.heartbeat.age", te, t -> t.sinceLeaderHeartbeat().toMillis() / 1000.0)
                .description("Seconds since the leader was last heard from")
                .baseUnit("seconds")
                .register(registry);
    }
}
