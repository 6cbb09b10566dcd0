package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.ha.LeaderSession;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new leader adopting the tasks an earlier leader deployed, or deploying anew, decided from what
 * the TaskExecutors report when they register; on in-memory HA services with fake TaskExecutors.
 */
class JobAdoptionTest {

    private static final String JOB = "0123456789abcdef0123456789abcdef";
    private static final String OTHER_JOB = "ffffffffffffffffffffffffffffffff";

    @TempDir
    Path tmp;

    private JobManagerUnderTest jm;
    private FakeTaskExecutor te;

    @AfterEach
    void stop() throws Exception {
        if (jm != null) {
            jm.close();
        }
    }

    /** A previous leader left job {@link #JOB} (parallelism 2) at checkpoint 5, taken by deployment {@code deployment}. */
    private void previousLeaderLeft(String deployment, Duration adoptionTimeout) throws Exception {
        jm = new JobManagerUnderTest(tmp, JobManagerUnderTest.settings(3, Duration.ofSeconds(30), adoptionTimeout));
        LeaderSession previous = jm.previousLeader();
        JobGraph graph = jm.storeJob(JOB, 2, previous);
        jm.storeCheckpoint(graph, 5, previous, deployment);
        jm.ha.checkpointIdCounter(JOB).advanceTo(6, previous.fence());
        te = jm.taskExecutor("te");
    }

    /** Grants the JobManager leadership, then registers the TaskExecutor with {@code slots} slots. */
    private void leadWithTaskExecutorOf(int slots) {
        LeaderSession session = jm.grant();
        assertThat(te.register(session.id().toString(), slots)).isTrue();
    }

    private JobDetail detail() {
        return jm.jobManager.job(JOB).orElseThrow();
    }

    @Test
    void everyTaskOfTheLatestDeploymentAliveIsAdoptedAndCheckpointsResume() throws Exception {
        previousLeaderLeft("d1", Duration.ofSeconds(30));
        TaskKey task0 = te.runsFromEarlierLeader(JOB, "d1", 0, 3, 5, 4);
        TaskKey task1 = te.runsFromEarlierLeader(JOB, "d1", 1, 3, 6, 4);

        leadWithTaskExecutorOf(2);

        await("adopted").atMost(Duration.ofSeconds(10)).until(() -> detail().adoptions() == 1);
        assertThat(te.adopted).containsExactlyInAnyOrder(task0, task1);
        JobDetail detail = detail();
        assertThat(detail.deploymentId()).isEqualTo("d1");
        assertThat(detail.status().state()).isEqualTo(JobState.RUNNING);
        assertThat(detail.status().restarts()).isZero();
        assertThat(detail.checkpoints()).extracting(CheckpointStats::status).contains("ADOPTED").doesNotContain("RESTORED");
        await("the latest checkpoint notified again").atMost(Duration.ofSeconds(10)).until(() -> te.notified.contains(5L));
        await("a checkpoint of the new leader").atMost(Duration.ofSeconds(10))
                .until(() -> detail().latestCompletedCheckpointId() > 5);
        assertThat(te.triggered).as("ids from the fenced counter").allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(6));
        assertThat(te.submitted).as("no task deployed anew").isEmpty();
        assertThat(te.cancelled).isEmpty();
    }

    @Test
    void aMissingTaskMeansTheSurvivorsAreCancelledAndTheJobDeployedFromItsLatestCheckpoint() throws Exception {
        previousLeaderLeft("d1", Duration.ofMillis(300));
        TaskKey survivor = te.runsFromEarlierLeader(JOB, "d1", 0, 3, 5, 5);

        leadWithTaskExecutorOf(2);

        assertRedeployedFromCheckpoint5();
        assertThat(te.cancelled).contains(survivor);
    }

    @Test
    void anOlderDeploymentIsCancelledAndTheJobDeployedFromItsLatestCheckpoint() throws Exception {
        previousLeaderLeft("d2", Duration.ofMillis(300));
        TaskKey old0 = te.runsFromEarlierLeader(JOB, "d1", 0, 2, 3, 3);
        TaskKey old1 = te.runsFromEarlierLeader(JOB, "d1", 1, 2, 3, 3);

        leadWithTaskExecutorOf(2);

        assertRedeployedFromCheckpoint5();
        assertThat(te.cancelled).contains(old0, old1);
    }

    @Test
    void aTaskThatEndsBeforeItIsBoundMakesTheJobDeployAnewWithoutARestart() throws Exception {
        previousLeaderLeft("d1", Duration.ofSeconds(30));
        TaskKey task0 = te.runsFromEarlierLeader(JOB, "d1", 0, 3, 5, 5);
        TaskKey task1 = te.runsFromEarlierLeader(JOB, "d1", 1, 3, 5, 5);
        te.endsBeforeAdoption(task1);

        leadWithTaskExecutorOf(2);

        assertRedeployedFromCheckpoint5();
        assertThat(te.cancelled).contains(task0);
        assertThat(detail().status().restarts()).isZero();
    }

    @Test
    void tasksOfAJobTheLeaderDoesNotKnowAreCancelled() throws Exception {
        previousLeaderLeft("d1", Duration.ofSeconds(30));
        te.runsFromEarlierLeader(JOB, "d1", 0, 3, 5, 5);
        te.runsFromEarlierLeader(JOB, "d1", 1, 3, 5, 5);
        TaskKey unknown = te.runsFromEarlierLeader(OTHER_JOB, "x1", 0, 0, 2, 2);

        leadWithTaskExecutorOf(3);

        await("the unknown job's task cancelled").atMost(Duration.ofSeconds(10)).until(() -> te.cancelled.contains(unknown));
        await("the known job adopted").atMost(Duration.ofSeconds(10)).until(() -> detail().adoptions() == 1);
        assertThat(te.cancelled).containsExactly(unknown);
    }

    private void assertRedeployedFromCheckpoint5() {
        await("deployed anew").atMost(Duration.ofSeconds(10)).until(() -> te.submitted.size() == 2);
        assertThat(te.submitted).extracting(SubmitTaskRequest::getRestoredCheckpointId).containsOnly(5L);
        assertThat(te.submitted).extracting(task -> task.getTask().getDeploymentId()).doesNotContain("d1", "d2");
        await().atMost(Duration.ofSeconds(10)).until(() -> detail().status().state() == JobState.RUNNING);
        assertThat(detail().adoptions()).isZero();
        assertThat(detail().checkpoints()).extracting(CheckpointStats::status).contains("RESTORED").doesNotContain("ADOPTED");
    }
}
