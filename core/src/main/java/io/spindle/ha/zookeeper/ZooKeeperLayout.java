package io.spindle.ha.zookeeper;

/**
 * The znode layout of one Spindle cluster, relative to the Curator namespace
 * {@code {high-availability.zookeeper.path.root}/{high-availability.cluster-id}}.
 *
 * <pre>
 * leader/jobmanager            ephemeral: the current leader's {@link io.spindle.ha.LeaderInfo}
 * latch/                        leader latch participants (ephemeral sequential, data = participant id)
 * jobgraphs/{jobId}             pointer to the job graph file in storageDir
 * checkpoints/{jobId}/counter   checkpoint id counter of the job
 * checkpoints/{jobId}/completed/{checkpointId}   pointers to completed checkpoint metadata
 * </pre>
 *
 * <p>This layout is an interface with operators and tools ({@code spindle ha inspect}); keep it
 * stable. Stateless and thread-safe.
 */
public final class ZooKeeperLayout {

    /** Parent of the leader information nodes. */
    public static final String LEADER = "/leader";
    /** The JobManager's leader information node. */
    public static final String JOBMANAGER_LEADER = LEADER + "/jobmanager";
    /** The leader election latch. */
    public static final String LATCH = "/latch";
    /** Pointers to job graphs, one child per job. */
    public static final String JOBGRAPHS = "/jobgraphs";
    /** Per-job checkpoint pointers and id counters. */
    public static final String CHECKPOINTS = "/checkpoints";

    private ZooKeeperLayout() {
    }

    /**
     * @param jobId the job
     * @return the folder of the job's completed checkpoint pointers
     */
    public static String completedCheckpoints(String jobId) {
        return CHECKPOINTS + "/" + jobId + "/completed";
    }

    /**
     * @param jobId the job
     * @return the node holding the job's checkpoint id counter
     */
    public static String checkpointCounter(String jobId) {
        return CHECKPOINTS + "/" + jobId + "/counter";
    }

    /**
     * @param jobId the job
     * @return the folder holding everything ZooKeeper keeps for the job's checkpoints
     */
    public static String checkpointsOf(String jobId) {
        return CHECKPOINTS + "/" + jobId;
    }
}
