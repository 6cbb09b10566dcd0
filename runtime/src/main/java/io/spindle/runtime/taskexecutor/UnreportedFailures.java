package io.spindle.runtime.taskexecutor;

import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.TaskStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures of tasks that ended while no leader owned them (their leader was lost, or another one
 * leads now and has not adopted them yet): nobody could be told then, so each is kept, with its
 * cause, until a leader has heard of it (in a registration or an adoption answer). A new leader
 * that hears of one restarts the job instead of waiting for a task that will never report.
 *
 * <p>Thread-safe.
 */
final class UnreportedFailures {

    private final Map<TaskKey, TaskStatus> failures = new ConcurrentHashMap<>();

    /** A task failed and its leader could not be told: keep it. */
    void add(TaskStatus failed) {
        failures.put(TaskKey.of(failed.getTask()), failed);
    }

    /** Every failure no leader has heard of yet. */
    List<TaskStatus> all() {
        return List.copyOf(failures.values());
    }

    /** The failure of this task, if no leader has heard of it yet. */
    Optional<TaskStatus> of(TaskKey task) {
        return Optional.ofNullable(failures.get(task));
    }

    /** A leader has heard of these: forget them (a failure of the same task kept since stays). */
    void reported(Collection<TaskStatus> told) {
        for (TaskStatus status : told) {
            failures.remove(TaskKey.of(status.getTask()), status);
        }
    }
}
