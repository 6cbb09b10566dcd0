package io.spindle.yarn.am;

import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerStatus;

/**
 * How a TaskExecutor container ended, as far as the failure-rate limit is concerned.
 *
 * <p>Only {@link #FAILED} counts towards {@code yarn.taskmanager.max-failed-containers}: a process
 * that exited non-zero, a container YARN killed for exceeding its memory or log limits, or an exit
 * status YARN could not determine. A clean exit (status 0) and the ends YARN causes for reasons
 * outside the TaskExecutor (preemption, a kill by the ResourceManager or by this AM, a kill after
 * the application completed, a container aborted or lost with its node, failed disks, a kill by
 * the container scheduler) do not count. Spark's YARN allocator draws the same line. Every ended
 * container is replaced either way while its slots are still needed.
 */
enum ContainerEnd {
    /** The TaskExecutor exited with status 0. */
    EXITED_CLEANLY,
    /** YARN ended it for a reason that is not the TaskExecutor's fault. */
    ENDED_BY_YARN,
    /** A failure of the TaskExecutor or its container. */
    FAILED;

    /** @return how the container of {@code status} ended */
    static ContainerEnd of(ContainerStatus status) {
        return of(status.getExitStatus());
    }

    /** @return how a container with YARN exit status {@code exitStatus} ended */
    static ContainerEnd of(int exitStatus) {
        return switch (exitStatus) {
            case ContainerExitStatus.SUCCESS -> EXITED_CLEANLY;
            case ContainerExitStatus.PREEMPTED, ContainerExitStatus.KILLED_BY_RESOURCEMANAGER,
                    ContainerExitStatus.KILLED_BY_APPMASTER, ContainerExitStatus.KILLED_AFTER_APP_COMPLETION,
                    ContainerExitStatus.ABORTED, ContainerExitStatus.DISKS_FAILED,
                    ContainerExitStatus.KILLED_BY_CONTAINER_SCHEDULER -> ENDED_BY_YARN;
            default -> FAILED;
        };
    }

    /** @return whether this end counts towards the failure-rate limit */
    boolean countsAsFailure() {
        return this == FAILED;
    }
}
