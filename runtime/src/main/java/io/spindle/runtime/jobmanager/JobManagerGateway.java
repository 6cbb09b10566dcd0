package io.spindle.runtime.jobmanager;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the REST endpoint asks of a JobManager. Implemented by {@link JobManager}; the REST layer
 * depends only on this, so it can be exercised without a running cluster.
 *
 * <p>Thread-safe. Calls that need leadership throw {@link NotLeaderException} (carrying the
 * leader's REST address when one is known) on a standby.
 */
public interface JobManagerGateway {

    /** The cluster as this JobManager sees it; answers on a standby too. */
    ClusterOverview overview();

    /**
     * Submits a job. The future completes with the job id only after the jar and the job graph are
     * durable in storageDir and the pointer is in ZooKeeper; it fails with
     * {@link JobSubmissionException} for bad input (nothing is stored then).
     *
     * @throws NotLeaderException on a standby
     */
    CompletableFuture<String> submit(JobSubmission submission);

    /**
     * The jobs this leader knows, running and ended.
     *
     * @throws NotLeaderException on a standby
     */
    List<JobStatus> jobs();

    /**
     * One job with its checkpoints.
     *
     * @throws NotLeaderException on a standby
     */
    Optional<JobDetail> job(String jobId);

    /**
     * The TaskExecutors registered with this leader session.
     *
     * @throws NotLeaderException on a standby
     */
    List<TaskExecutorInfo> taskExecutors();

    /**
     * Cancels a job. Completes with its status once it is CANCELED (or with its final status if it
     * had ended already); fails with {@link JobSubmissionException} of status 404 for an unknown id.
     *
     * @throws NotLeaderException on a standby
     */
    CompletableFuture<JobStatus> cancel(String jobId);

    /**
     * Shuts the whole cluster down: cancels running jobs, removes the cluster's HA data and stops
     * the TaskExecutors and JobManagers. Completes once that has begun.
     *
     * @throws NotLeaderException on a standby
     */
    CompletableFuture<Void> shutDownCluster();
}
