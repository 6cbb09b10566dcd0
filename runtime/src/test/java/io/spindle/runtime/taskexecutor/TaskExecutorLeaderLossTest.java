package io.spindle.runtime.taskexecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.ha.LeaderInfo;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.rpc.TaskStatus;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a TaskExecutor does with a running task when its leader goes away: it keeps it as an orphan
 * that obeys nobody, until a new leader adopts it or the recovery timeout cancels it; with a
 * timeout of zero it cancels it at once. A real TaskExecutor running the counting task; the
 * leaders are addresses nobody answers at (their registrations are retried in the background).
 */
class TaskExecutorLeaderLossTest {

    @TempDir
    Path dir;

    private static final String JOB = "0123456789abcdef0123456789abcdef";
    private final String first = UUID.randomUUID().toString();
    private final String second = UUID.randomUUID().toString();
    private final TaskKey key = new TaskKey(JOB, "deployment-1", 0);
    private TaskExecutor te;

    private SubmitTaskRequest request;

    @BeforeEach
    void jar() throws Exception {
        request = CountingTaskRequests.of(dir, key).setLeaderSessionId(first).build();
    }

    @AfterEach
    void close() {
        if (te != null) {
            te.close();
        }
    }

    private void start(Duration recoveryTimeout) throws InterruptedException {
        te = new TaskExecutor("te", "127.0.0.1:1", "", 2, Duration.ofMinutes(5), recoveryTimeout,
                new org.apache.hadoop.conf.Configuration(), dir.resolve("te"),
                ClusterAuthentication.withSecret(ClusterSecret.generate(), false));
        follow(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> te.acceptsSession(first, "test"));
        assertThat(te.submit(request)).isNull();
        await("the task runs").atMost(Duration.ofSeconds(30)).until(() -> state() == TaskState.RUNNING);
    }

    private void follow(String session) {
        te.leaderChanged(Optional.of(new LeaderInfo("jm", "127.0.0.1:2", "", UUID.fromString(session))));
    }

    private TaskState state() {
        return te.taskStatuses().stream().map(TaskStatus::getState).findFirst().orElse(null);
    }

    private long latestSnapshot() {
        return te.taskStatuses().get(0).getLatestSnapshotCheckpointId();
    }

    @Test
    void aTaskWhoseLeaderWentAwayObeysNobodyAndIsCancelledWhenNoLeaderAdoptsIt() throws Exception {
        start(Duration.ofSeconds(2));

        te.leaderChanged(Optional.empty());

        await("orphaned").atMost(Duration.ofSeconds(5)).until(() -> te.orphanedTasks() == 1);
        assertThat(te.acceptsSession(first, "test")).as("the old session commands nothing").isFalse();
        assertThat(state()).isEqualTo(TaskState.RUNNING);
        await("cancelled after the recovery timeout").atMost(Duration.ofSeconds(15)).until(() -> te.runningTasks() == 0);
    }

    @Test
    void anAdoptedTaskObeysTheNewSessionOnlyAndOutlivesTheRecoveryTimeout() throws Exception {
        start(Duration.ofSeconds(2));

        follow(second);
        await("orphaned").atMost(Duration.ofSeconds(5)).until(() -> te.orphanedTasks() == 1);
        te.triggerCheckpoint(second, key.jobId(), key.deploymentId(), 7);
        List<TaskStatus> adopted = te.adopt(second, List.of(key, new TaskKey(JOB, "deployment-0", 0)));

        assertThat(adopted).singleElement().satisfies(status -> {
            assertThat(TaskKey.of(status.getTask())).isEqualTo(key);
            assertThat(status.getState()).isEqualTo(TaskState.RUNNING);
        });
        assertThat(latestSnapshot()).as("no command reached it before it was adopted").isZero();
        assertThat(te.orphanedTasks()).isZero();
        te.triggerCheckpoint(first, key.jobId(), key.deploymentId(), 8);
        te.triggerCheckpoint(second, key.jobId(), key.deploymentId(), 9);
        await("the new session's checkpoint taken").atMost(Duration.ofSeconds(10)).until(() -> latestSnapshot() == 9);
        try (var files = Files.list(dir.resolve("task-state"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("only the new session's trigger reached the task").anyMatch(name -> name.contains("0009-task-0"))
                    .noneMatch(name -> name.contains("0007-task-0") || name.contains("0008-task-0"));
        }
        await("still running after the recovery timeout").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> te.runningTasks() == 1);
    }

    @Test
    void withoutRecoveryTimeoutTheTaskIsCancelledWhenTheLeaderChanges() throws Exception {
        start(Duration.ZERO);

        follow(second);

        await("cancelled at once").atMost(Duration.ofSeconds(10)).until(() -> te.runningTasks() == 0);
        assertThat(te.orphanedTasks()).isZero();
    }
}
