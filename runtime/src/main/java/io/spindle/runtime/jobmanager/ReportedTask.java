package io.spindle.runtime.jobmanager;

import io.spindle.runtime.rpc.TaskState;
import io.spindle.runtime.rpc.TaskStatus;

/**
 * A task a TaskExecutor reported running when it registered with this leader: deployed by an
 * earlier leader session (or an earlier registration), a candidate for adoption. Immutable.
 *
 * @param taskExecutor where it runs
 * @param key job, deployment and index
 * @param state DEPLOYING, RUNNING or FINISHED while the task lives; FAILED if it failed while no leader owned it
 * @param restoredCheckpointId the checkpoint it was deployed from, 0 if none
 * @param latestSnapshotId the newest checkpoint it snapshotted, 0 if none
 * @param latestCommittedId the newest checkpoint whose completion it processed, 0 if none
 * @param failure the task's exception when it is FAILED (it failed while no leader owned it), else empty
 */
record ReportedTask(RegisteredTaskExecutor taskExecutor, TaskKey key, TaskState state, long restoredCheckpointId,
        long latestSnapshotId, long latestCommittedId, String failure) {

    /** From the wire form. */
    static ReportedTask of(RegisteredTaskExecutor taskExecutor, TaskStatus status) {
        return new ReportedTask(taskExecutor, TaskKey.of(status.getTask()), status.getState(),
                status.getRestoredCheckpointId(), status.getLatestSnapshotCheckpointId(),
                status.getLatestCommittedCheckpointId(), status.getFailure());
    }

    /** Whether the task still lives (it has neither failed nor been cancelled). */
    boolean alive() {
        return state == TaskState.DEPLOYING || state == TaskState.RUNNING || state == TaskState.FINISHED;
    }

    /** Whether the task failed (while no leader owned it, so no leader has restarted its job for it). */
    boolean failed() {
        return state == TaskState.FAILED;
    }
}
