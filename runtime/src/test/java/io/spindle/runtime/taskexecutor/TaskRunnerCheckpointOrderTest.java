package io.spindle.runtime.taskexecutor;

import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checkpoint triggers are separate RPCs and can reach a task out of order (seen on YARN under
 * load: the final checkpoint's trigger overtook the aborted one before it). The counting job's
 * sink refuses an id that does not increase, so an older trigger that arrives after a newer one
 * must be declined by the runner, not handed to the task (which would fail the job).
 */
class TaskRunnerCheckpointOrderTest {

    @TempDir
    Path dir;

    @Test
    void anOlderTriggerArrivingAfterANewerOneIsDeclinedAndTheTaskKeepsRunning() throws Exception {
        org.apache.hadoop.conf.Configuration hadoopConf = new org.apache.hadoop.conf.Configuration();
        TaskKey key = new TaskKey("job", "deployment-1", 0);
        SubmitTaskRequest request = CountingTaskRequests.of(dir, key).build();
        RecordingReporter reporter = new RecordingReporter();
        try (UserCodeCache userCode = new UserCodeCache(dir.resolve("user-code"), hadoopConf)) {
            TaskRunner runner = new TaskRunner(key, "session", request, userCode, hadoopConf, reporter);
            Thread thread = new Thread(runner, "task-under-test");
            thread.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> reporter.events.contains("RUNNING"));

                runner.triggerCheckpoint(4);
                runner.triggerCheckpoint(3);
                runner.triggerCheckpoint(5);

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> reporter.events.contains("ack 5") || reporter.events.contains("FAILED"));
                assertThat(reporter.events).containsSubsequence("ack 4", "declined 3", "ack 5")
                        .doesNotContain("ack 3", "FAILED");
            } finally {
                runner.cancel();
                thread.join(Duration.ofSeconds(30).toMillis());
            }
        }
        assertThat(reporter.events).doesNotContain("FAILED");
    }

    /** Records what the runner reports, in order. */
    private static final class RecordingReporter implements TaskReporter {
        final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

        @Override
        public void stateChanged(String sessionId, TaskKey task, TaskState state, String failure) {
            events.add(state.name());
        }

        @Override
        public void checkpointAcknowledged(String sessionId, TaskKey task, long checkpointId, StatePointer state,
                long syncMillis) {
            events.add("ack " + checkpointId);
        }

        @Override
        public void checkpointDeclined(String sessionId, TaskKey task, long checkpointId, String reason) {
            events.add("declined " + checkpointId);
        }

        @Override
        public void taskEnded(TaskKey task) {
            events.add("ended");
        }
    }
}
