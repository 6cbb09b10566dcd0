package io.spindle.yarn.client;

import io.spindle.api.Job;
import io.spindle.api.Task;
import io.spindle.api.TaskContext;

/** A job for per-job deployments to the fake ApplicationMaster: accepts any arguments, never runs. */
public final class AcceptingJob implements Job {

    /** Public no-argument constructor, as {@link Job} requires. */
    public AcceptingJob() {}

    @Override
    public Task createTask(TaskContext context) {
        throw new UnsupportedOperationException("the fake ApplicationMaster runs no tasks");
    }
}
