package io.spindle.runtime.jobmanager;

import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a recovered job can keep the tasks an earlier leader deployed, decided from what the
 * TaskExecutors reported. Immutable values; {@link #decide} is a pure function.
 *
 * <p>A deployment is adopted only if every task index of the job is reported alive in it, once,
 * and it is the job's latest deployment as far as the stored checkpoints tell: the job's latest
 * completed checkpoint was taken by that deployment, or every one of its tasks was deployed from
 * that checkpoint (with no checkpoint yet: every task started fresh). If more than one deployment
 * qualifies, none is adopted (the job restarts from its checkpoint, as it would without adoption).
 *
 * <p>A task of the job's latest deployment reported FAILED (it failed while no leader was known)
 * decides at once, whatever else is reported: the job restarts, and the failure counts as a
 * restart, as it would have had a leader heard of it.
 */
sealed interface AdoptionDecision {

    /** Adopt this deployment; {@code tasks} are its tasks by index. */
    record Adopt(String deploymentId, List<ReportedTask> tasks) implements AdoptionDecision {
        /** Copies the tasks. */
        public Adopt {
            tasks = List.copyOf(tasks);
        }
    }

    /** Do not adopt; restart the job from its latest checkpoint. */
    record Redeploy(String reason) implements AdoptionDecision {}

    /** A task of the latest deployment failed: restart the job from its latest checkpoint, counting a restart. */
    record Restart(String cause) implements AdoptionDecision {}

    /**
     * @param parallelism the job's parallelism
     * @param latest the job's latest completed checkpoint, or {@code null}
     * @param reports what was reported of this job (any deployment, any TaskExecutor)
     */
    static AdoptionDecision decide(int parallelism, CompletedCheckpoint latest, Collection<ReportedTask> reports) {
        if (reports.isEmpty()) {
            return new Redeploy("no task of it was reported");
        }
        for (ReportedTask task : reports) {
            if (task.failed() && isLatest(task, latest)) {
                return new Restart("task " + task.key().taskIndex() + " failed while no leader was known: "
                        + task.failure());
            }
        }
        Map<String, ReportedTask[]> byDeployment = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ReportedTask task : reports) {
            int index = task.key().taskIndex();
            if (index < 0 || index >= parallelism) {
                problems.add("task " + task.key() + " has no index of parallelism " + parallelism);
                continue;
            }
            byDeployment.computeIfAbsent(task.key().deploymentId(), d -> new ReportedTask[parallelism])[index] = task;
        }
        List<Adopt> candidates = new ArrayList<>();
        for (Map.Entry<String, ReportedTask[]> deployment : byDeployment.entrySet()) {
            String why = unadoptable(deployment.getKey(), deployment.getValue(), latest);
            if (why == null) {
                candidates.add(new Adopt(deployment.getKey(), List.of(deployment.getValue())));
            } else {
                problems.add(why);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.size() > 1) {
            return new Redeploy(candidates.size() + " complete deployments were reported");
        }
        return new Redeploy(String.join("; ", problems));
    }

    /** Whether the task is of the job's latest deployment as far as the stored checkpoints tell. */
    private static boolean isLatest(ReportedTask task, CompletedCheckpoint latest) {
        return latest != null && task.key().deploymentId().equals(latest.deploymentId())
                || task.restoredCheckpointId() == (latest == null ? 0 : latest.checkpointId());
    }

    /** Why this deployment cannot be adopted, or {@code null} if it can. */
    private static String unadoptable(String deploymentId, ReportedTask[] tasks, CompletedCheckpoint latest) {
        String name = "deployment " + deploymentId.substring(0, Math.min(8, deploymentId.length()));
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] == null) {
                return name + ": task " + i + " was not reported";
            }
            if (!tasks[i].alive()) {
                return name + ": task " + i + " is " + tasks[i].state();
            }
        }
        long base = latest == null ? 0 : latest.checkpointId();
        if (latest != null && deploymentId.equals(latest.deploymentId())) {
            return null;
        }
        for (ReportedTask task : tasks) {
            if (task.restoredCheckpointId() != base) {
                return name + ": task " + task.key().taskIndex() + " started from "
                        + (task.restoredCheckpointId() == 0 ? "scratch" : "checkpoint " + task.restoredCheckpointId())
                        + ", but the latest checkpoint is " + (latest == null ? "none" : latest.checkpointId())
                        + (latest == null ? "" : " (of another deployment)");
            }
        }
        return null;
    }
}
