package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.spindle.ha.LeaderSession;
import io.spindle.ha.storage.JobResult;
import io.spindle.runtime.jobmanager.JobRecovery.RecoveredJob;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new leader recovers, on in-memory HA services and a local storageDir. */
class JobRecoveryTest {

    private static final String JOB = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    private JobManagerUnderTest jm;

    @BeforeEach
    void start() throws Exception {
        jm = new JobManagerUnderTest(tmp, JobManagerUnderTest.settings(10, Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() throws Exception {
        jm.close();
    }

    private SubmitTaskRequest firstDeployedTask(FakeTaskExecutor te) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> te.submitted.isEmpty() ? null : te.submitted.get(0),
                task -> task != null);
    }

    @Test
    void aRecoveredJobResumesFromItsNewestCheckpoint() throws Exception {
        LeaderSession previous = jm.previousLeader();
        JobGraph graph = jm.storeJob(JOB, 1, previous);
        for (long id = 1; id <= 3; id++) {
            jm.storeCheckpoint(graph, id, previous);
        }

        LeaderSession session = jm.grant();
        FakeTaskExecutor te = jm.taskExecutor("te");
        assertThat(te.register(session.id().toString(), 2)).isTrue();

        SubmitTaskRequest task = firstDeployedTask(te);
        assertThat(task.getRestoredCheckpointId()).isEqualTo(3);
        assertThat(task.getLeaderSessionId()).isEqualTo(session.id().toString());
        assertThat(jm.jobManager.job(JOB).orElseThrow().checkpoints())
                .anyMatch(c -> c.id() == 3 && c.status().equals("RESTORED"));
    }

    @Test
    void aCorruptNewestCheckpointIsSkippedForTheOneBefore() throws Exception {
        LeaderSession previous = jm.previousLeader();
        JobGraph graph = jm.storeJob(JOB, 1, previous);
        jm.storeCheckpoint(graph, 1, previous);
        jm.storeCheckpoint(graph, 2, previous);
        jm.ha.completedCheckpoints(JOB, Runnable::run).corrupt(String.format("%019d", 2L));

        LeaderSession session = jm.grant();
        FakeTaskExecutor te = jm.taskExecutor("te");
        te.register(session.id().toString(), 1);

        assertThat(firstDeployedTask(te).getRestoredCheckpointId()).isEqualTo(1);
    }

    @Test
    void aJobThatHadEndedIsOnlyCleanedUpNeverRunAgain() throws Exception {
        LeaderSession previous = jm.previousLeader();
        JobGraph graph = jm.storeJob(JOB, 1, previous);
        jm.storeCheckpoint(graph, 1, previous);
        jm.ha.checkpointIdCounter(JOB).getAndIncrement(previous.fence());
        jm.ha.jobResults().createDirty(new JobResult(JOB, JobResult.Status.SUCCEEDED, "", Instant.now()));

        LeaderSession session = jm.grant();
        FakeTaskExecutor te = jm.taskExecutor("te");
        te.register(session.id().toString(), 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> jm.ha.jobResults().hasCleanResult(JOB));
        assertThat(jm.ha.jobGraphs(Runnable::run).names()).as("job graph pointer removed").isEmpty();
        assertThat(jm.ha.hasCheckpointData(JOB)).as("checkpoint pointers and id counter removed").isFalse();
        assertThat(jm.ha.storage().fs().exists(new org.apache.hadoop.fs.Path(graph.jar().path()))).as("jar").isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jm.jobManager.jobs())
                .as("listed from its job result, as ended, not run again")
                .extracting(JobStatus::jobId, JobStatus::state).containsExactly(tuple(JOB, JobState.FINISHED)));
        assertThat(te.submitted).as("nothing deployed").isEmpty();
    }

    @Test
    void aCleanupOfTheSessionBeforeThatIsStillRecordingTheResultIsWaitedForAndItsJobNotRunAgain()
            throws Exception {
        LeaderSession previous = jm.previousLeader();
        JobGraph graph = jm.storeJob(JOB, 1, previous);
        JobGraphStore graphs = new JobGraphStore(jm.ha.jobGraphs(Runnable::run), jm.ha.storage());
        ExecutorService cleanupThread = Executors.newSingleThreadExecutor();
        ExecutorService recoveryThread = Executors.newSingleThreadExecutor();
        CountDownLatch slowWrite = new CountDownLatch(1);
        try {
            cleanupThread.execute(() -> Calls.call(() -> slowWrite.await(30, TimeUnit.SECONDS)));
            JobCleanup cleanup = new JobCleanup(jm.ha, graphs, jm.ha.jobResults(), cleanupThread, 10);
            JobRecovery recovery = new JobRecovery(jm.ha, graphs, jm.ha.jobResults(), cleanup, 10, recoveryThread);
            cleanup.cleanUpAsync(JOB, new JobResult(JOB, JobResult.Status.SUCCEEDED, "", Instant.now()), graph.jar(),
                    previous.fence());

            CompletableFuture<List<RecoveredJob>> recovered = CompletableFuture.supplyAsync(
                    () -> Calls.call(() -> recovery.recover(previous.fence())));
            await("recovery waits for the cleanup").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> !recovered.isDone());
            slowWrite.countDown();

            assertThat(recovered.get(20, TimeUnit.SECONDS)).as("the job the cleanup ended is not run again").isEmpty();
            assertThat(jm.ha.jobResults().hasCleanResult(JOB)).isTrue();
        } finally {
            slowWrite.countDown();
            cleanupThread.shutdownNow();
            recoveryThread.shutdownNow();
        }
    }
}
