package io.spindle.runtime.jobmanager;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each step of a cluster's start happened, as this JobManager process saw it: its JVM's start,
 * its leadership, the recovery of its jobs, the TaskExecutor containers (requested, allocated,
 * started by the NodeManager), the TaskExecutors (JVM started, registered) and the first job's
 * tasks running. Served as {@code GET /v1/cluster/startup}; the YARN client prints it while it
 * waits, and the benchmarks read it.
 *
 * <p>Each step is recorded once: the first time counts, later calls for the same step are ignored
 * (a TaskExecutor registering again, a second leadership). Instants come from this process's clock,
 * except {@link #TASK_EXECUTOR_JVM_STARTED}, which the TaskExecutor reports from its own.
 *
 * <p>Thread-safe: the JobManager's main thread, YARN's callback threads and REST handlers use it.
 */
public final class StartupTimeline {

    /** The JobManager's (on YARN: the ApplicationMaster's) JVM started. */
    public static final String JVM_STARTED = "AM JVM started";
    /** The ApplicationMaster registered with the ResourceManager. */
    public static final String AM_REGISTERED = "AM registered";
    /** The JobManager joined the leader election (its endpoints may still be starting). */
    public static final String ELECTION_JOINED = "election joined";
    /** The RPC and REST endpoints listen; their addresses are published with the leader information. */
    public static final String ENDPOINTS_UP = "endpoints up";
    /** This JobManager was granted leadership. */
    public static final String LEADER = "leader";
    /** The stored jobs were recovered (none for a new cluster). */
    public static final String JOBS_RECOVERED = "jobs recovered";
    /** The first TaskExecutor containers were requested from the ResourceManager. */
    public static final String CONTAINERS_REQUESTED = "TaskExecutor containers requested";
    /** The first TaskExecutor container was allocated. */
    public static final String CONTAINER_ALLOCATED = "TaskExecutor container allocated";
    /** A NodeManager accepted the first TaskExecutor container; it localizes its files, then starts the JVM. */
    public static final String CONTAINER_STARTED = "TaskExecutor container launch accepted";
    /** The first TaskExecutor's JVM started (the TaskExecutor's clock). */
    public static final String TASK_EXECUTOR_JVM_STARTED = "TaskExecutor JVM started";
    /** The first TaskExecutor registered. */
    public static final String TASK_EXECUTOR_REGISTERED = "TaskExecutor registered";
    /** Every task of the first job is running. */
    public static final String TASKS_RUNNING = "tasks running";

    /**
     * One step.
     *
     * @param name what happened, e.g. {@code leader}
     * @param at when
     */
    public record Step(String name, Instant at) {}

    private final Map<String, Instant> steps = new LinkedHashMap<>();

    /** A timeline that starts with this JVM's start time. */
    public static StartupTimeline ofThisJvm() {
        StartupTimeline timeline = new StartupTimeline();
        timeline.recordAt(JVM_STARTED, Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return timeline;
    }

    /** Records {@code step} now, unless it was recorded before. */
    public void record(String step) {
        recordAt(step, Instant.now());
    }

    /** Records {@code step} at {@code at}, unless it was recorded before. */
    public synchronized void recordAt(String step, Instant at) {
        steps.putIfAbsent(step, at);
    }

    /** The steps recorded so far, in time order. */
    public synchronized List<Step> steps() {
        List<Step> list = new ArrayList<>();
        steps.forEach((name, at) -> list.add(new Step(name, at)));
        list.sort(Comparator.comparing(Step::at));
        return list;
    }
}
