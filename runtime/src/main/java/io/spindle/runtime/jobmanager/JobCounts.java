package io.spindle.runtime.jobmanager;

/**
 * How often a job was restarted after a failure, deployed from a checkpoint, and adopted by a new
 * leader, over all leaders: stored with its job graph so that a failover does not reset them.
 * Immutable.
 *
 * @param restarts restarts after a failure (what the restart strategy counts)
 * @param restores deployments of its tasks from a checkpoint (restarts, and new leaders that did not adopt)
 * @param adoptions new leaders that adopted its running tasks
 */
public record JobCounts(int restarts, int restores, int adoptions) {

    /** Nothing counted yet. */
    public static final JobCounts NONE = new JobCounts(0, 0, 0);

    /** @throws IllegalArgumentException if a count is negative */
    public JobCounts {
        if (restarts < 0 || restores < 0 || adoptions < 0) {
            throw new IllegalArgumentException("negative count: " + restarts + "/" + restores + "/" + adoptions);
        }
    }

    JobCounts restarted() {
        return new JobCounts(restarts + 1, restores, adoptions);
    }

    JobCounts restored() {
        return new JobCounts(restarts, restores + 1, adoptions);
    }

    JobCounts adopted() {
        return new JobCounts(restarts, restores, adoptions + 1);
    }
}
