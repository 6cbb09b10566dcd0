package io.spindle.runtime.jobmanager;

import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.rpc.StateHandles;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import org.apache.hadoop.fs.Path;

/** The command that deploys one task of a job. Stateless. */
final class TaskSubmissions {

    private TaskSubmissions() {}

    /**
     * @param stateDir where the task writes its checkpoint state
     * @param from the checkpoint the task resumes from, or null to start it fresh
     */
    static SubmitTaskRequest of(String sessionId, JobGraph graph, Path stateDir, CompletedCheckpoint from, TaskKey key) {
        SubmitTaskRequest.Builder request = SubmitTaskRequest.newBuilder()
                .setLeaderSessionId(sessionId)
                .setTask(key.toProto())
                .setParallelism(graph.parallelism())
                .setEntryClass(graph.entryClass())
                .addAllArguments(graph.arguments())
                .setJar(StateHandles.toHandle(graph.jar()))
                .setStateDir(stateDir.toString());
        if (from != null) {
            request.setRestoredState(StateHandles.toHandle(from.taskStates().get(key.taskIndex())))
                    .setRestoredCheckpointId(from.checkpointId());
        }
        return request.build();
    }
}
