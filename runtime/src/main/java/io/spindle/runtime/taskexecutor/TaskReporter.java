package io.spindle.runtime.taskexecutor;

import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.TaskState;

/** Where a running task's reports go: the leader of the session that deployed it. Thread-safe. */
interface TaskReporter {

    void stateChanged(String sessionId, TaskKey task, TaskState state, String failure);

    void checkpointAcknowledged(String sessionId, TaskKey task, long checkpointId, StatePointer state, long syncMillis);

    void checkpointDeclined(String sessionId, TaskKey task, long checkpointId, String reason);

    /** The task thread ended; its slot is free. */
    void taskEnded(TaskKey task);
}
