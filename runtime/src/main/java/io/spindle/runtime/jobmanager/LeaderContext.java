package io.spindle.runtime.jobmanager;

import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.JobResultStore;
import io.spindle.ha.zookeeper.LeaderSession;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;

/**
 * What the job runs of one leader session share. Immutable; the services it names are
 * thread-safe, except that job state must only be touched on {@code mainThread}.
 *
 * @param session the leader session (its id goes with every command, its fence guards every write)
 * @param isCurrent whether this session is still the JobManager's current one; checked on the main
 *     thread before acting on anything that completes asynchronously
 * @param mainThread the JobManager's single main thread
 * @param io runs blocking storage and ZooKeeper operations
 * @param client the cluster's ZooKeeper client
 * @param storage the cluster's storageDir
 * @param jobGraphs job graphs and jars
 * @param results job results
 * @param settings timings and retention
 * @param registry the registered TaskExecutors
 */
record LeaderContext(
        LeaderSession session,
        BooleanSupplier isCurrent,
        ScheduledExecutorService mainThread,
        ExecutorService io,
        CuratorFramework client,
        ClusterStorage storage,
        JobGraphStore jobGraphs,
        JobResultStore results,
        JobManagerSettings settings,
        TaskExecutorRegistry registry) {

    String sessionId() {
        return session.id().toString();
    }
}
