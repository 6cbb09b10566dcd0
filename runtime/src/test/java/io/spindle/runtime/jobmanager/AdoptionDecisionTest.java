package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which reported deployment a recovered job adopts, if any. */
class AdoptionDecisionTest {

    private static final String JOB = "0123456789abcdef0123456789abcdef";

    private final RegisteredTaskExecutor te = new RegisteredTaskExecutor("te", "127.0.0.1:1", "", 4, 0,
            ClusterAuthentication.withSecret(ClusterSecret.generate(), false));

    @AfterEach
    void close() {
        te.close();
    }

    private ReportedTask task(String deployment, int index, TaskState state, long restoredFrom) {
        return new ReportedTask(te, new TaskKey(JOB, deployment, index), state, restoredFrom, restoredFrom + 2,
                restoredFrom + 1, state == TaskState.FAILED ? "java.lang.IllegalStateException: boom" : "");
    }

    private static CompletedCheckpoint checkpoint(long id, String deployment) {
        return new CompletedCheckpoint(JOB, id, "old-session", Instant.now(), Instant.now(),
                List.of(new StatePointer("file:/s0", 1, 1), new StatePointer("file:/s1", 1, 1)), false, deployment);
    }

    @Test
    void theDeploymentThatTookTheLatestCheckpointIsAdoptedWhenEveryTaskIsAlive() {
        AdoptionDecision decision = AdoptionDecision.decide(2, checkpoint(7, "d2"),
                List.of(task("d2", 0, TaskState.RUNNING, 3), task("d2", 1, TaskState.FINISHED, 3)));

        assertThat(decision).isInstanceOfSatisfying(AdoptionDecision.Adopt.class, adopt -> {
            assertThat(adopt.deploymentId()).isEqualTo("d2");
            assertThat(adopt.tasks()).extracting(t -> t.key().taskIndex()).containsExactly(0, 1);
        });
    }

    @Test
    void aDeploymentStartedFromTheLatestCheckpointIsAdopted() {
        AdoptionDecision decision = AdoptionDecision.decide(2, checkpoint(7, "d1"),
                List.of(task("d2", 1, TaskState.RUNNING, 7), task("d2", 0, TaskState.DEPLOYING, 7)));

        assertThat(decision).isInstanceOfSatisfying(AdoptionDecision.Adopt.class,
                adopt -> assertThat(adopt.tasks()).extracting(t -> t.key().taskIndex()).containsExactly(0, 1));
    }

    @Test
    void withoutCheckpointOnlyAFreshDeploymentIsAdopted() {
        assertThat(AdoptionDecision.decide(2, null,
                List.of(task("d1", 0, TaskState.RUNNING, 0), task("d1", 1, TaskState.RUNNING, 0))))
                .isInstanceOf(AdoptionDecision.Adopt.class);
        assertThat(AdoptionDecision.decide(2, null,
                List.of(task("d1", 0, TaskState.RUNNING, 4), task("d1", 1, TaskState.RUNNING, 4))))
                .isInstanceOf(AdoptionDecision.Redeploy.class);
    }

    @Test
    void aMissingTaskMeansRedeploy() {
        assertThat(AdoptionDecision.decide(2, checkpoint(7, "d2"), List.of(task("d2", 0, TaskState.RUNNING, 3))))
                .isInstanceOfSatisfying(AdoptionDecision.Redeploy.class,
                        redeploy -> assertThat(redeploy.reason()).contains("task 1 was not reported"));
    }

    @Test
    void aFailedTaskOfTheLatestDeploymentMeansARestartForItsFailure() {
        assertThat(AdoptionDecision.decide(2, checkpoint(7, "d2"),
                List.of(task("d2", 1, TaskState.FAILED, 3))))
                .isInstanceOfSatisfying(AdoptionDecision.Restart.class, restart -> assertThat(restart.cause())
                        .contains("task 1 failed while no leader was known").contains("IllegalStateException: boom"));
        assertThat(AdoptionDecision.decide(2, checkpoint(7, "d1"),
                List.of(task("d2", 0, TaskState.RUNNING, 7), task("d2", 1, TaskState.FAILED, 7))))
                .as("deployed from the latest checkpoint").isInstanceOf(AdoptionDecision.Restart.class);
    }

    @Test
    void aFailedTaskOfAnOlderDeploymentIsNoFailureOfTheJob() {
        assertThat(AdoptionDecision.decide(2, checkpoint(9, "d2"), List.of(task("d1", 1, TaskState.FAILED, 3),
                task("d2", 0, TaskState.RUNNING, 7), task("d2", 1, TaskState.RUNNING, 7))))
                .isInstanceOfSatisfying(AdoptionDecision.Adopt.class,
                        adopt -> assertThat(adopt.deploymentId()).isEqualTo("d2"));
    }

    @Test
    void anOlderDeploymentIsNotAdopted() {
        // d1 is complete, but the latest checkpoint was taken by a later deployment d2, which d1 does not know.
        assertThat(AdoptionDecision.decide(2, checkpoint(9, "d2"),
                List.of(task("d1", 0, TaskState.RUNNING, 3), task("d1", 1, TaskState.RUNNING, 3))))
                .isInstanceOfSatisfying(AdoptionDecision.Redeploy.class,
                        redeploy -> assertThat(redeploy.reason()).contains("latest checkpoint is 9"));
    }

    @Test
    void twoCompleteDeploymentsAreNotGuessedBetween() {
        assertThat(AdoptionDecision.decide(1, checkpoint(7, "d1"),
                List.of(task("d1", 0, TaskState.RUNNING, 3), task("d2", 0, TaskState.RUNNING, 7))))
                .isInstanceOfSatisfying(AdoptionDecision.Redeploy.class,
                        redeploy -> assertThat(redeploy.reason()).contains("2 complete deployments"));
    }

    @Test
    void nothingReportedMeansRedeploy() {
        assertThat(AdoptionDecision.decide(2, checkpoint(7, "d2"), List.of()))
                .isInstanceOf(AdoptionDecision.Redeploy.class);
    }
}
