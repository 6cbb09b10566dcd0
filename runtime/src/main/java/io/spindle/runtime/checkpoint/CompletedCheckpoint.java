package io.spindle.runtime.checkpoint;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.runtime.metadata.CheckpointMetadata;
import io.spindle.runtime.rpc.StateHandles;
import java.time.Instant;
import java.util.List;

/**
 * A completed checkpoint of a job: one state file per task. Immutable.
 *
 * @param jobId the job
 * @param checkpointId its id
 * @param leaderSessionId the leader session that completed it
 * @param triggeredAt when it was triggered
 * @param completedAt when its metadata was stored
 * @param taskStates state file of each task, by task index
 * @param isFinal whether it was taken after every task had finished (the job's last)
 * @param deploymentId the deployment whose tasks took it (empty in metadata written before it was recorded)
 */
public record CompletedCheckpoint(
        String jobId,
        long checkpointId,
        String leaderSessionId,
        Instant triggeredAt,
        Instant completedAt,
        List<StatePointer> taskStates,
        boolean isFinal,
        String deploymentId) {

    private static final int FORMAT_VERSION = 1;

    /** Copies the task states. */
    public CompletedCheckpoint {
        taskStates = List.copyOf(taskStates);
        deploymentId = deploymentId == null ? "" : deploymentId;
    }

    /** The stored form. */
    public byte[] toBytes() {
        CheckpointMetadata.Builder builder = CheckpointMetadata.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setJobId(jobId)
                .setCheckpointId(checkpointId)
                .setLeaderSessionId(leaderSessionId)
                .setTriggeredAtMs(triggeredAt.toEpochMilli())
                .setCompletedAtMs(completedAt.toEpochMilli())
                .setFinal(isFinal)
                .setDeploymentId(deploymentId);
        taskStates.forEach(state -> builder.addTaskStates(StateHandles.toHandle(state)));
        return builder.build().toByteArray();
    }

    /**
     * Decodes stored checkpoint metadata.
     *
     * @param source names the file, for the error message
     * @throws StateFileException (CORRUPT) if the bytes are not checkpoint metadata of a known version
     */
    public static CompletedCheckpoint fromBytes(byte[] bytes, String source) throws StateFileException {
        CheckpointMetadata data;
        try {
            data = CheckpointMetadata.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new StateFileException(StateFileException.Kind.CORRUPT, source,
                    "Checkpoint metadata " + source + " cannot be decoded: " + e.getMessage(), e);
        }
        if (data.getFormatVersion() != FORMAT_VERSION || data.getTaskStatesCount() == 0) {
            throw new StateFileException(StateFileException.Kind.CORRUPT, source, "Checkpoint metadata " + source
                    + " has unknown format version " + data.getFormatVersion() + " or no task states");
        }
        return new CompletedCheckpoint(data.getJobId(), data.getCheckpointId(), data.getLeaderSessionId(),
                Instant.ofEpochMilli(data.getTriggeredAtMs()), Instant.ofEpochMilli(data.getCompletedAtMs()),
                data.getTaskStatesList().stream().map(StateHandles::toPointer).toList(), data.getFinal(),
                data.getDeploymentId());
    }
}
