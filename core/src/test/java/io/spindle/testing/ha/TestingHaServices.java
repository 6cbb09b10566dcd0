package io.spindle.testing.ha;

import io.spindle.ha.CheckpointIdCounter;
import io.spindle.ha.HaConnectionListener;
import io.spindle.ha.HaConnectionState;
import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.PointerStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.JobResultStore;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * In-memory {@link HaServices} for fast tests: pointers and counters live in memory
 * ({@link TestingPointerStore}, {@link TestingCheckpointIdCounter}), elections are decided by the
 * test ({@link TestingLeaderElection}), job results and other files go to a real
 * {@link ClusterStorage} (a local folder, typically a {@code @TempDir}). One instance stands for one
 * cluster; several JobManagers of a test share it, as they would share ZooKeeper.
 *
 * <p>Thread-safe.
 */
public final class TestingHaServices implements HaServices {

    private final ClusterStorage storage;
    private final JobResultStore results;
    private final TestingPointerStore jobGraphs = new TestingPointerStore("/jobgraphs");
    private final Map<String, TestingPointerStore> checkpoints = new ConcurrentHashMap<>();
    private final Map<String, TestingCheckpointIdCounter> counters = new ConcurrentHashMap<>();
    private final List<TestingLeaderElection> elections = new CopyOnWriteArrayList<>();
    private final List<TestingLeaderRetrieval> retrievals = new CopyOnWriteArrayList<>();
    private final List<HaConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private volatile Optional<LeaderInfo> published = Optional.empty();
    private volatile HaConnectionState connectionState = HaConnectionState.CONNECTED;

    /** @param storage where job results and other files go */
    public TestingHaServices(ClusterStorage storage) {
        this.storage = storage;
        this.results = new JobResultStore(storage);
    }

    @Override
    public TestingLeaderElection leaderElection(String participantId, LeaderContender contender,
                                                ParticipantFinishedPredicate finished) {
        TestingLeaderElection election = new TestingLeaderElection(participantId, contender, this::publish);
        elections.add(election);
        return election;
    }

    @Override
    public LeaderRetrieval leaderRetrieval(LeaderRetrievalListener listener) {
        TestingLeaderRetrieval retrieval = new TestingLeaderRetrieval(listener, published);
        retrievals.add(retrieval);
        return retrieval;
    }

    private void publish(Optional<LeaderInfo> leader) {
        published = leader;
        retrievals.forEach(r -> r.published(leader));
    }

    /** @return the elections created so far, in order */
    public List<TestingLeaderElection> elections() {
        return List.copyOf(elections);
    }

    @Override
    public TestingPointerStore jobGraphs(Executor io) {
        return jobGraphs;
    }

    @Override
    public TestingPointerStore completedCheckpoints(String jobId, Executor io) {
        return checkpoints.computeIfAbsent(jobId, id -> new TestingPointerStore("/checkpoints/" + id + "/completed"));
    }

    @Override
    public CheckpointIdCounter checkpointIdCounter(String jobId) {
        return counters.computeIfAbsent(jobId, id -> new TestingCheckpointIdCounter());
    }

    /** @return whether anything is kept for the job's checkpoints (pointers or the id counter) */
    public boolean hasCheckpointData(String jobId) {
        TestingPointerStore store = checkpoints.get(jobId);
        return counters.containsKey(jobId) || (store != null && !store.isEmpty());
    }

    @Override
    public JobResultStore jobResults() {
        return results;
    }

    @Override
    public ClusterStorage storage() {
        return storage;
    }

    @Override
    public synchronized void removeJob(String jobId, LeaderFence fence) throws LeadershipLostException {
        TestingLeaderFence.check(fence, "removal of job " + jobId);
        TestingPointerStore store = checkpoints.remove(jobId);
        if (store != null) {
            store.removeAll(fence);
        }
        counters.remove(jobId);
        jobGraphs.remove(jobId, fence);
    }

    @Override
    public synchronized void removeClusterData() throws IOException {
        checkpoints.clear();
        counters.clear();
        synchronized (jobGraphs) {
            for (String name : jobGraphs.names()) {
                jobGraphs.removeUnfenced(name);
            }
        }
        storage.fs().delete(storage.clusterDir(), true);
    }

    /** A report of the pointers held in memory, each counted; files are not checked. */
    @Override
    public io.spindle.ha.HaDataCheck inspect() throws Exception {
        List<String> tree = new java.util.ArrayList<>();
        int pointers = 0;
        for (String name : jobGraphs.names()) {
            tree.add("/jobgraphs/" + name);
            pointers++;
        }
        for (Map.Entry<String, TestingPointerStore> e : checkpoints.entrySet()) {
            for (String name : e.getValue().names()) {
                tree.add("/checkpoints/" + e.getKey() + "/completed/" + name);
                pointers++;
            }
        }
        return new io.spindle.ha.HaDataCheck(tree, pointers, List.of());
    }

    @Override
    public HaConnectionState connectionState() {
        return connectionState;
    }

    @Override
    public Watch watchConnection(HaConnectionListener listener) {
        connectionListeners.add(listener);
        return () -> connectionListeners.remove(listener);
    }

    /** Moves the simulated connection to {@code state} and tells every watcher, on the caller's thread. */
    public void connectionStateChanged(HaConnectionState state) {
        connectionState = state;
        connectionListeners.forEach(l -> l.connectionStateChanged(state));
    }

    @Override
    public void close() {
        elections.forEach(TestingLeaderElection::close);
        retrievals.forEach(TestingLeaderRetrieval::close);
    }
}
