package io.spindle.runtime.jobmanager;

import io.spindle.runtime.rpc.TaskId;

/**
 * Identifies one deployed task: job, deployment and index. Immutable.
 *
 * @param jobId the job
 * @param deploymentId the deployment (a new one per restart and per leader)
 * @param taskIndex the task's index
 */
public record TaskKey(String jobId, String deploymentId, int taskIndex) {

    /** From the wire form. */
    public static TaskKey of(TaskId id) {
        return new TaskKey(id.getJobId(), id.getDeploymentId(), id.getTaskIndex());
    }

    /** The wire form. */
    public TaskId toProto() {
        return TaskId.newBuilder().setJobId(jobId).setDeploymentId(deploymentId).setTaskIndex(taskIndex).build();
    }

    @Override
    public String toString() {
        return jobId + "/" + taskIndex + " (deployment " + deploymentId.substring(0, Math.min(8, deploymentId.length())) + ")";
    }
}
