package io.spindle.runtime.jobmanager;

/**
 * Starts and stops TaskExecutors for a JobManager. Two implementations: standalone (TaskExecutors
 * are started by scripts; the driver can only wait for them) and YARN (the ApplicationMaster asks
 * the ResourceManager for containers).
 *
 * <p>Called from the JobManager's main thread only; implementations must not block it.
 */
public interface ResourceDriver extends AutoCloseable {

    /**
     * The JobManager's jobs need this many slots in all. The driver starts TaskExecutors until
     * that many slots are registered or requested; it may keep surplus ones.
     */
    void requireSlots(int totalSlots);

    /**
     * A TaskExecutor registered, with the resource id it gave (a YARN container id; empty in
     * standalone mode).
     */
    default void workerRegistered(String resourceId) {}

    /**
     * A registered TaskExecutor stopped answering heartbeats (or its container ended). The driver
     * may replace it.
     */
    void workerLost(String resourceId, String reason);

    /**
     * Where a person reads the logs of a TaskExecutor's container, for the dashboard.
     *
     * @param resourceId the resource id the TaskExecutor registered with
     * @return the URL of its log page (on YARN: the NodeManager's container log page), or empty
     */
    default java.util.Optional<String> logUrl(String resourceId) {
        return java.util.Optional.empty();
    }

    /**
     * The nodes the driver keeps TaskExecutors off for now (on YARN: NodeManagers on which
     * containers kept failing), for the overview. Names as the driver's platform names nodes.
     *
     * @return the excluded nodes, empty when none (always, in standalone mode)
     */
    default java.util.List<String> excludedNodes() {
        return java.util.List.of();
    }

    /** Whether slots beyond those registered can be obtained (then a job is not refused for lack of slots). */
    boolean canAddSlots();

    /** Releases every resource; TaskExecutors this driver started are stopped. */
    @Override
    void close();

    /** The standalone driver: TaskExecutors come and go by themselves. */
    ResourceDriver STANDALONE = new ResourceDriver() {
        @Override
        public void requireSlots(int totalSlots) {}

        @Override
        public void workerLost(String resourceId, String reason) {}

        @Override
        public boolean canAddSlots() {
            return false;
        }

        @Override
        public void close() {}
    };
}
