package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.spindle.ha.LeaderSession;
import io.spindle.ha.storage.JobResult;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
}
