package io.spindle.api;

import java.util.List;

/**
 * Where and as which instance a task runs. Immutable.
 *
 * @param jobId the job's id, the same for every attempt
 * @param taskIndex 0-based index of this task, below {@code parallelism}
 * @param parallelism the number of tasks of the job
 * @param deploymentId unique for each deployment of the job's tasks (every restart and every new
 *     leader makes a new one); use it to give files written by different deployments different names
 * @param arguments the program arguments given at submission
 * @param hadoopConfiguration the TaskExecutor's Hadoop configuration, for file system access
 */
public record TaskContext(
        String jobId,
        int taskIndex,
        int parallelism,
        String deploymentId,
        List<String> arguments,
        org.apache.hadoop.conf.Configuration hadoopConfiguration) {

    /** Validates and copies the arguments. */
    public TaskContext {
        if (taskIndex < 0 || taskIndex >= parallelism) {
            throw new IllegalArgumentException("task index " + taskIndex + " outside 0.." + (parallelism - 1));
        }
        arguments = List.copyOf(arguments);
    }
}
