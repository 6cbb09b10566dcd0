package io.spindle.ha;

import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.JobResultStore;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Everything a JobManager or TaskExecutor needs of the high-availability backend of one
 * cluster, behind backend-neutral interfaces: leader election and retrieval, the fenced pointer
 * stores of job graphs and completed checkpoints, checkpoint id counters, the job results, and
 * removal of one job's or the whole cluster's HA data, and the state of the connection to the
 * backend.
 *
 * <p>The runtime gets one instance from its composition root (the process entry point) and never
 * sees the backend behind it. Implementations are thread-safe; {@link #close} releases the
 * backend's connections and is idempotent.
 */
public interface HaServices extends AutoCloseable {

    /**
     * @param participantId who this process is (e.g. the YARN attempt id), recorded for others
     * @param contender     told of grants and revokes
     * @param finished      which other participants are provably finished, or {@link ParticipantFinishedPredicate#NEVER}
     * @return a latent election; the caller starts and closes it
     */
    LeaderElection leaderElection(String participantId, LeaderContender contender, ParticipantFinishedPredicate finished);

    /**
     * @param listener told of the leader and each change
     * @return a retrieval, not started; the caller starts and closes it
     */
    LeaderRetrieval leaderRetrieval(LeaderRetrievalListener listener);

    /**
     * @param io runs file I/O; bounded and never running tasks on the caller's thread
     * @return the store of job graph pointers
     */
    PointerStore jobGraphs(Executor io);

    /**
     * @param jobId the job
     * @param io    runs file I/O; bounded and never running tasks on the caller's thread
     * @return the store of the job's completed checkpoint pointers
     */
    PointerStore completedCheckpoints(String jobId, Executor io);

    /**
     * @param jobId the job
     * @return the job's checkpoint id counter
     */
    CheckpointIdCounter checkpointIdCounter(String jobId);

    /** @return the job results of the cluster */
    JobResultStore jobResults();

    /**
     * @return the cluster's folder in storageDir
     * @throws io.spindle.configuration.IllegalConfigurationException if no storageDir is configured
     */
    ClusterStorage storage();

    /**
     * Removes everything the backend holds of one job: its job graph pointer and file, every
     * completed checkpoint pointer and metadata file left, and its checkpoint id counter. Fenced:
     * a deposed leader removes nothing. Removing an absent job does nothing.
     *
     * @throws LeadershipLostException if the fence refused the removal
     * @throws IOException             if the backend failed; what was removed stays removed
     * @throws InterruptedException    if interrupted (outcome unknown)
     */
    void removeJob(String jobId, LeaderFence fence) throws IOException, LeadershipLostException, InterruptedException;

    /**
     * Removes the cluster's HA data: the backend's part, then its folder in storageDir (so an
     * interrupted removal leaves garbage files, never dangling pointers). Only when the cluster
     * ends for good, never when an attempt fails and will be retried. A second call finishes an
     * interrupted one.
     *
     * @throws IOException          if the backend or the file system failed
     * @throws InterruptedException if interrupted
     */
    void removeClusterData() throws IOException, InterruptedException;

    /**
     * Checks the cluster's HA data the way {@code spindle ha inspect} does: every pointer against its
     * file, every file of the pointer-backed folders against the pointers. Reads only. Costs one
     * read per pointer and per file: not for a hot path.
     *
     * @return the backend's tree of the cluster, the pointers checked and the problems found
     * @throws io.spindle.configuration.IllegalConfigurationException if no storageDir is configured
     * @throws Exception if the backend or the file system failed (as opposed to holding bad data)
     */
    HaDataCheck inspect() throws Exception;

    /** @return the current state of the connection to the backend */
    HaConnectionState connectionState();

    /**
     * Follows the connection to the backend: {@code listener} is told of every later change of
     * {@link #connectionState()}, on the backend's event thread. Watching adds no connection of its
     * own: it is the one the elections, retrievals and stores of these services use.
     *
     * @param listener told of each change
     * @return stops the watch; closing it twice does nothing
     */
    Watch watchConnection(HaConnectionListener listener);

    /** A watch on the connection; {@link #close} ends it. */
    interface Watch extends AutoCloseable {
        /** Ends the watch; idempotent. */
        @Override
        void close();
    }

    /** Releases the backend's connections; elections and retrievals must be closed before. */
    @Override
    void close();
}
