package io.spindle.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.CheckpointIdCounter;
import io.spindle.ha.HaConnectionListener;
import io.spindle.ha.HaConnectionState;
import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderFence;
import io.spindle.ha.LeaderRetrieval;
import io.spindle.ha.LeaderRetrievalListener;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.PointerStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.JobResultStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StatePointer;
import io.spindle.testing.ha.TestingHaServices;
import io.spindle.testing.ha.TestingLeaderFence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's own bookkeeping around a stored pointer; ZooKeeper's lost answers: {@code ZooKeeperPointerStoreLostAnswerTest}. */
class CompletedCheckpointStoreTest {

    private static final String JOB = "job-1";

    @TempDir
    Path tmp;

    @Test
    void aStoredCheckpointStaysCompleteWhenRemovingOlderOnesIsRefused() throws Exception {
        HaServices ha = new RefusingRemovals(new TestingHaServices(ClusterStorage.under(
                new org.apache.hadoop.fs.Path(tmp.resolve("ha").toUri()), "test-cluster",
                new org.apache.hadoop.conf.Configuration())));
        LeaderFence fence = new TestingLeaderFence(UUID.randomUUID());
        CompletedCheckpointStore store = new CompletedCheckpointStore(ha, JOB, 1, Runnable::run);
        store.add(checkpoint(ha, 1), fence);

        // The leader steps down while checkpoint 2 is stored: the pointer is written, removing checkpoint 1 is refused.
        store.add(checkpoint(ha, 2), fence);

        CompletedCheckpoint latest = store.recoverLatest().orElseThrow();
        assertThat(latest.checkpointId()).isEqualTo(2);
        FileSystem fs = ha.storage().fs();
        for (StatePointer state : latest.taskStates()) {
            assertThat(fs.exists(new org.apache.hadoop.fs.Path(state.path()))).as("task state %s", state.path()).isTrue();
        }
    }

    private static CompletedCheckpoint checkpoint(HaServices ha, long id) throws IOException {
        org.apache.hadoop.fs.Path state = new org.apache.hadoop.fs.Path(ha.storage().taskState(JOB), "state-" + id);
        ha.storage().fs().create(state).close();
        return new CompletedCheckpoint(JOB, id, "session", Instant.now(), Instant.now(),
                List.of(new StatePointer(ha.storage().fs().makeQualified(state).toString(), 0, 0)), false, "d1");
    }

    /** HA services whose checkpoint stores refuse every removal, as for a leader that has just lost its leadership. */
    private record RefusingRemovals(HaServices delegate) implements HaServices {

        @Override
        public PointerStore completedCheckpoints(String jobId, Executor io) {
            PointerStore store = delegate.completedCheckpoints(jobId, io);
            return new PointerStore() {
                @Override
                public String area() {
                    return store.area();
                }

                @Override
                public StatePointer put(String name, byte[] data, LeaderFence fence)
                        throws IOException, LeadershipLostException, InterruptedException {
                    return store.put(name, data, fence);
                }

                @Override
                public StatePointer replace(String name, byte[] data, LeaderFence fence)
                        throws IOException, LeadershipLostException, InterruptedException {
                    return store.replace(name, data, fence);
                }

                @Override
                public void remove(String name, LeaderFence fence) throws LeadershipLostException {
                    throw new LeadershipLostException("remove of " + name + " refused: leadership lost");
                }

                @Override
                public int removeAll(LeaderFence fence) throws LeadershipLostException {
                    throw new LeadershipLostException("removal refused: leadership lost");
                }

                @Override
                public byte[] get(String name) throws IOException, InterruptedException {
                    return store.get(name);
                }

                @Override
                public List<String> names() throws IOException, InterruptedException {
                    return store.names();
                }

                @Override
                public Recovered<byte[]> recoverAll() throws IOException, InterruptedException {
                    return store.recoverAll();
                }
            };
        }

        @Override
        public LeaderElection leaderElection(String participantId, LeaderContender contender,
                ParticipantFinishedPredicate finished) {
            return delegate.leaderElection(participantId, contender, finished);
        }

        @Override
        public LeaderRetrieval leaderRetrieval(LeaderRetrievalListener listener) {
            return delegate.leaderRetrieval(listener);
        }

        @Override
        public io.spindle.ha.HaDataCheck inspect() throws Exception {
            return delegate.inspect();
        }

        @Override
        public HaConnectionState connectionState() {
            return delegate.connectionState();
        }

        @Override
        public Watch watchConnection(HaConnectionListener listener) {
            return delegate.watchConnection(listener);
        }

        @Override
        public PointerStore jobGraphs(Executor io) {
            return delegate.jobGraphs(io);
        }

        @Override
        public CheckpointIdCounter checkpointIdCounter(String jobId) {
            return delegate.checkpointIdCounter(jobId);
        }

        @Override
        public JobResultStore jobResults() {
            return delegate.jobResults();
        }

        @Override
        public ClusterStorage storage() {
            return delegate.storage();
        }

        @Override
        public void removeJob(String jobId, LeaderFence fence)
                throws IOException, LeadershipLostException, InterruptedException {
            delegate.removeJob(jobId, fence);
        }

        @Override
        public void removeClusterData() throws IOException, InterruptedException {
            delegate.removeClusterData();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
