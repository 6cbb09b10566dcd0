package io.spindle.runtime.jobmanager;

import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.rpc.TaskStatus;

/**
 * A task a TaskExecutor reported running when it registered with this leader: deployed by an
 * earlier leader session (or an earlier registration), a candidate for adoption. Immutable.
 *
 * @param taskExecutor where it runs
 * @param key job, deployment and index
 * @param state DEPLOYING, RUNNING or FINISHED while the task lives
 * @param restoredCheckpointId the checkpoint it was deployed from, 0 if none
 * @param latestSnapshotId the newest checkpoint it snapshotted, 0 if none
 * @param latestCommittedId the newest checkpoint whose completion it processed, 0 if none
 */
record ReportedTask(RegisteredTaskExecutor taskExecutor, TaskKey key, TaskState state, long restoredCheckpointId,
        long latestSnapshotId, long latestCommittedId) {

    /** From the wire form. */
    static ReportedTask of(RegisteredTaskExecutor taskExecutor, TaskStatus status) {
        return new ReportedTask(taskExecutor, TaskKey.of(status.getTask()), status.getState(),
                status.getRestoredCheckpointId(), status.getLatestSnapshotCheckpointId(),
                status.getLatestCommittedCheckpointId());
    }

    /** Whether the task still lives (it has neither failed nor been cancelled). */
    boolean alive() {
        return state == TaskState.DEPLOYING || state == TaskState.RUNNING || state == TaskState.FINISHED;
    }
}
