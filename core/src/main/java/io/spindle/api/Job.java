package io.spindle.api;

import java.util.List;

/**
 * A user job: the entry class named at submission implements this interface and has a public
 * no-argument constructor.
 *
 * <p>A job is {@link #parallelism N} independent parallel tasks. The JobManager calls
 * {@link #validate} once when the job is submitted (a failure rejects the submission and nothing
 * is stored); each TaskExecutor then calls {@link #createTask} once per task it runs, in a fresh
 * instance of the entry class loaded from the user jar.
 *
 * <p>Implementations need not be thread-safe: every instance is used by one thread.
 */
public interface Job {

    /**
     * Checks the job's arguments before anything is stored.
     *
     * @param arguments the program arguments given at submission
     * @throws IllegalArgumentException with a one-line message naming the argument that is wrong
     */
    default void validate(List<String> arguments) {}

    /**
     * Creates the task with the given index.
     *
     * @param context where and as which task it runs
     * @return a new task; never shared between indexes
     * @throws Exception if the task cannot be created; the job is restarted per its restart strategy
     */
    Task createTask(TaskContext context) throws Exception;

    /**
     * Whether the job ends by itself. A bounded job ends when every task's {@link Task#step} has
     * returned {@code false}; an unbounded one runs until it is cancelled.
     */
    default boolean isBounded() {
        return true;
    }
}
