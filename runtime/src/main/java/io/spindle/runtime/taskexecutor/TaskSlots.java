package io.spindle.runtime.taskexecutor;

import io.spindle.configuration.TaskManagerOptions;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks a TaskExecutor runs, one per slot, and who owns them: starts them (a full TaskExecutor
 * waits up to {@link #SLOT_WAIT} for a slot being freed), binds them to a leader session that
 * adopts them, makes them orphans when their leader goes away and cancels orphans that no leader
 * adopted within the previous-leader recovery timeout. Also keeps the failures of tasks no leader
 * could be told of ({@link UnreportedFailures}) for the next one.
 *
 * <p>Thread-safe.
 */
final class TaskSlots {

    /** How long a task submitted to a full TaskExecutor waits for a slot to be freed. */
    static final Duration SLOT_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(TaskSlots.class);

    private final int slots;
    private final Duration recoveryTimeout;
    /** Guarded by itself; waited on for a free slot. */
    private final Map<TaskKey, TaskRunner> tasks = new HashMap<>();
    private final UnreportedFailures unreported = new UnreportedFailures();

    /**
     * @param recoveryTimeout how long orphans keep running for a new leader to adopt them; zero
     *     cancels them as soon as their leader goes away
     */
    TaskSlots(int slots, Duration recoveryTimeout) {
        this.slots = slots;
        this.recoveryTimeout = recoveryTimeout;
    }

    int slots() {
        return slots;
    }

    int running() {
        return all().size();
    }

    int free() {
        return slots - running();
    }

    int orphaned() {
        return (int) all().stream().filter(TaskRunner::isOrphan).count();
    }

    Optional<TaskRunner> get(TaskKey key) {
        synchronized (tasks) {
            return Optional.ofNullable(tasks.get(key));
        }
    }

    /**
     * Starts a task in a free slot. The leader frees a slot in its books when it sends the
     * cancellation of the task in it, which ends only after its current step and its close (or the
     * cancellation is still on its way): so a full TaskExecutor waits a little first.
     *
     * @return why the task was refused, or null if it started
     */
    String start(TaskKey key, Supplier<TaskRunner> runner) throws InterruptedException {
        synchronized (tasks) {
            if (tasks.containsKey(key)) {
                return "task " + key + " is already running";
            }
            long deadline = System.nanoTime() + SLOT_WAIT.toNanos();
            for (long left = SLOT_WAIT.toMillis(); tasks.size() >= slots && left > 0;
                    left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                tasks.wait(left);
            }
            if (tasks.size() >= slots) {
                return "no free slot (" + slots + " slots, " + tasks.size() + " in use)";
            }
            TaskRunner started = runner.get();
            tasks.put(key, started);
            Thread thread = new Thread(started, "task-" + key.jobId().substring(0, 8) + "-" + key.taskIndex());
            thread.setDaemon(true);
            thread.start();
            return null;
        }
    }

    /** The task's thread ended: its slot is free. */
    void ended(TaskKey key) {
        synchronized (tasks) {
            tasks.remove(key);
            tasks.notifyAll();
        }
    }

    /** The running tasks' statuses. */
    List<TaskStatus> statuses() {
        return all().stream().map(TaskRunner::status).toList();
    }

    /** What a registration reports: the failures no leader has heard of, then the running tasks. */
    List<TaskStatus> report() {
        List<TaskStatus> report = new ArrayList<>(unreported.all());
        report.addAll(statuses());
        return report;
    }

    /** A leader accepted a registration with this {@link #report}: its failures are told. */
    void reported(List<TaskStatus> report) {
        unreported.reported(report);
    }

    /** A task failed and no leader could be told: the next one will be. */
    void failedUnreported(TaskStatus failed) {
        LOG.warn("Task {} failed while no leader owned it; the next leader will be told", TaskKey.of(failed.getTask()));
        unreported.add(failed);
    }

    /** The tasks of a deployment owned by {@code sessionId} (orphans and tasks of other sessions are left out). */
    List<TaskRunner> ownedBy(String sessionId, String jobId, String deploymentId) {
        return all().stream()
                .filter(r -> r.key().jobId().equals(jobId) && r.key().deploymentId().equals(deploymentId)
                        && r.sessionId().equals(sessionId) && !r.isOrphan())
                .toList();
    }

    /**
     * The leader of {@code sessionId} takes over these tasks: each that is still alive is bound to
     * its session (reports go there, and only its commands reach the task).
     *
     * @return the status of each task, read after binding; a task that is ending shows FAILED or
     *     CANCELED (the leader must not count it as adopted), one that failed while no leader owned it
     *     shows FAILED, one that has ended otherwise is absent
     */
    List<TaskStatus> adopt(String sessionId, List<TaskKey> keys) {
        List<TaskStatus> adopted = new ArrayList<>();
        for (TaskKey key : keys) {
            Optional<TaskRunner> runner = get(key);
            if (runner.isEmpty()) {
                Optional<TaskStatus> failed = unreported.of(key);
                failed.ifPresent(adopted::add);
                LOG.info("Task {} cannot be adopted by leader session {}: it {}", key, sessionId,
                        failed.isPresent() ? "failed while no leader owned it" : "is not running");
                continue;
            }
            runner.get().bind(sessionId);
            TaskStatus status = runner.get().status();
            adopted.add(status);
            LOG.info("Task {} adopted by leader session {} ({})", key, sessionId, status.getState());
        }
        return adopted;
    }

    /**
     * The tasks not of {@code sessionId} lost their leader: cancelled at once if the recovery
     * timeout is zero, otherwise kept running as orphans for the next leader to adopt.
     */
    void release(String sessionId, String reason) {
        if (recoveryTimeout.isZero()) {
            cancelNotOf(sessionId, reason);
            return;
        }
        long now = System.nanoTime();
        for (TaskRunner runner : all()) {
            if (!runner.sessionId().equals(sessionId) && !runner.isOrphan()) {
                LOG.info("Task {} keeps running for up to {} ms for a leader to adopt it: {}", runner.key(),
                        recoveryTimeout.toMillis(), reason);
                runner.orphan(now);
            }
        }
    }

    /** Cancels the orphans that no leader adopted within the recovery timeout. */
    void cancelExpiredOrphans() {
        long now = System.nanoTime();
        for (TaskRunner runner : all()) {
            if (runner.orphanedLongerThan(recoveryTimeout.toNanos(), now)) {
                LOG.warn("Cancelling task {}: no leader adopted it within {} ms ({})", runner.key(),
                        recoveryTimeout.toMillis(), TaskManagerOptions.PREVIOUS_LEADER_RECOVERY_TIMEOUT.key());
                runner.cancel();
            }
        }
    }

    /** Cancels every task not of {@code sessionId} (null: every task). */
    void cancelNotOf(String sessionId, String reason) {
        for (TaskRunner runner : all()) {
            if (!runner.sessionId().equals(sessionId)) {
                LOG.info("Cancelling task {}: {}", runner.key(), reason);
                runner.cancel();
            }
        }
    }

    private List<TaskRunner> all() {
        synchronized (tasks) {
            return List.copyOf(tasks.values());
        }
    }
}
