package io.spindle.runtime.jobmanager;

import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.storage.JobResultStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * What the job runs of one leader session share. Immutable; the services it names are
 * thread-safe, except that job state must only be touched on {@code mainThread}.
 *
 * @param session the leader session (its id goes with every command, its fence guards every write)
 * @param isCurrent whether this session is still the JobManager's current one; checked on the main
 *     thread before acting on anything that completes asynchronously
 * @param mainThread the JobManager's single main thread
 * @param io runs blocking storage and HA backend operations
 * @param ha the cluster's HA services (checkpoint stores and counters come from here)
 * @param jobGraphs job graphs and jars
 * @param results job results
 * @param cleanup removes an ended job's data
 * @param settings timings and retention
 * @param registry the registered TaskExecutors
 * @param events told of checkpoints and restarts (metrics)
 * @param timeline the process's start steps (TaskExecutors registered, tasks running)
 */
record LeaderContext(
        LeaderSession session,
        BooleanSupplier isCurrent,
        ScheduledExecutorService mainThread,
        ExecutorService io,
        HaServices ha,
        JobGraphStore jobGraphs,
        JobResultStore results,
        JobCleanup cleanup,
        JobManagerSettings settings,
        TaskExecutorRegistry registry,
        JobManagerEvents events,
        StartupTimeline timeline) {

    String sessionId() {
        return session.id().toString();
    }
}
