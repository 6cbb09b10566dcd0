package io.spindle.runtime.jobmanager;

import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import io.spindle.testing.ha.TestingHaServices;
import io.spindle.testing.ha.TestingLeaderElection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.zip.CRC32C;

/**
 * A JobManager on {@link TestingHaServices} and a local storageDir, with helpers to put the HA
 * data in the state a previous leader left, and to start fake TaskExecutors. No ZooKeeper, no HDFS.
 */
final class JobManagerUnderTest implements AutoCloseable {

    final Path root;
    final TestingHaServices ha;
    final JobManager jobManager;
    final TestingLeaderElection election;
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<TestingLeaderElection> previousLeaders = new ArrayList<>();
    private final JobManagerSettings settings;

    JobManagerUnderTest(Path root, JobManagerSettings settings) throws IOException {
        this.root = root;
        this.settings = settings;
        this.ha = new TestingHaServices(ClusterStorage.under(new org.apache.hadoop.fs.Path(root.resolve("ha").toUri()),
                "test-cluster", new org.apache.hadoop.conf.Configuration()));
        this.jobManager = new JobManager("test-cluster", "standalone", ha, settings, ResourceDriver.STANDALONE,
                Optional::empty, null, JobManagerEvents.NONE, new StartupTimeline());
        this.election = ha.leaderElection("jm", jobManager, ParticipantFinishedPredicate.NEVER);
        election.start("", "");
    }

    static JobManagerSettings settings(int retained, Duration checkpointTimeout) {
        return settings(retained, checkpointTimeout, Duration.ZERO);
    }

    /** With a new leader waiting {@code adoptionTimeout} for reported tasks of its recovered jobs. */
    static JobManagerSettings settings(int retained, Duration checkpointTimeout, Duration adoptionTimeout) {
        return new JobManagerSettings(Duration.ofMillis(100), Duration.ofSeconds(20), Duration.ofMillis(50),
                checkpointTimeout, retained, 2, Duration.ofMillis(50), Duration.ofSeconds(5), adoptionTimeout,
                100, ClusterAuthentication.withSecret(ClusterSecret.generate(), false));
    }

    /** A session of a previous leader, for writing the HA data it left behind; revoked by {@link #grant}. */
    LeaderSession previousLeader() {
        TestingLeaderElection previous = ha.leaderElection("previous", new LeaderContender() {
            @Override
            public void grantLeadership(LeaderSession session) {
            }

            @Override
            public void revokeLeadership(LeaderSession session) {
            }
        }, ParticipantFinishedPredicate.NEVER);
        previous.start("", "");
        previousLeaders.add(previous);
        return previous.grant();
    }

    JobGraph storeJob(String jobId, int parallelism, LeaderSession session) throws Exception {
        JobGraphStore jobGraphs = new JobGraphStore(ha.jobGraphs(io), ha.storage());
        Path jar = Files.write(root.resolve(jobId + ".jar"), "jar".getBytes(StandardCharsets.UTF_8));
        JobGraph graph = new JobGraph(jobId, "job-" + jobId.substring(0, 4), "x.Y", List.of(), parallelism,
                jobGraphs.storeJar(jobId, jar), Instant.now(), false);
        jobGraphs.store(graph, session.fence());
        return graph;
    }

    CompletedCheckpoint storeCheckpoint(JobGraph graph, long id, LeaderSession session) throws Exception {
        return storeCheckpoint(graph, id, session, "previous-deployment");
    }

    /** A completed checkpoint of {@code graph} taken by the tasks of {@code deploymentId}. */
    CompletedCheckpoint storeCheckpoint(JobGraph graph, long id, LeaderSession session, String deploymentId)
            throws Exception {
        List<StatePointer> states = new ArrayList<>();
        for (int i = 0; i < graph.parallelism(); i++) {
            byte[] data = ("state " + i + " at " + id).getBytes(StandardCharsets.UTF_8);
            Path file = Files.createDirectories(root.resolve("previous-state")).resolve(graph.jobId() + "-" + i + "-" + id);
            Files.write(file, data);
            CRC32C crc = new CRC32C();
            crc.update(data);
            states.add(new StatePointer(file.toUri().toString(), data.length, crc.getValue()));
        }
        CompletedCheckpoint checkpoint = new CompletedCheckpoint(graph.jobId(), id, session.id().toString(),
                Instant.now(), Instant.now(), states, false, deploymentId);
        new CompletedCheckpointStore(ha, graph.jobId(), 100, io).add(checkpoint, session.fence());
        return checkpoint;
    }

    FakeTaskExecutor taskExecutor(String id) throws IOException {
        FakeTaskExecutor te = new FakeTaskExecutor(id, jobManager, root.resolve("te-" + id));
        closeables.add(te);
        return te;
    }

    /** Revokes the previous leaders, then makes this JobManager the leader. */
    LeaderSession grant() {
        previousLeaders.forEach(TestingLeaderElection::revoke);
        return election.grant();
    }

    @Override
    public void close() throws Exception {
        election.close();
        jobManager.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
        io.shutdownNow();
    }
}
