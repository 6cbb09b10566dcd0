package io.spindle.runtime.jobmanager;

import io.spindle.ha.storage.JobResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's ended jobs as the REST API lists them, made from their {@link JobResult}s: those
 * a leader reads from the job result store when it starts to lead, and those that end under it.
 * Since both come from the same records, a failover changes nothing in the list.
 *
 * <p>Confined to the JobManager's main thread.
 */
final class JobHistory {

    private final Map<String, JobResult> ended = new LinkedHashMap<>();
    private final int retained;

    /** @param retained how many ended jobs it keeps (at least 1); beyond, the one that ended first goes */
    JobHistory(int retained) {
        this.retained = retained;
    }

    /** A job ended (or was found ended in the job result store); an earlier record of it is kept. */
    void add(JobResult result) {
        ended.putIfAbsent(result.jobId(), result);
        while (ended.size() > retained) {
            ended.values().stream().min(Comparator.comparing(JobResult::finishedAt))
                    .ifPresent(oldest -> ended.remove(oldest.jobId()));
        }
    }

    void addAll(Collection<JobResult> results) {
        results.forEach(this::add);
    }

    /** The ended jobs' statuses. */
    List<JobStatus> statuses() {
        List<JobStatus> list = new ArrayList<>();
        ended.values().forEach(result -> list.add(status(result)));
        return list;
    }

    Optional<JobStatus> status(String jobId) {
        return Optional.ofNullable(ended.get(jobId)).map(JobHistory::status);
    }

    /** The detail of an ended job: its status and counts (its graph and checkpoints are gone with its cleanup). */
    Optional<JobDetail> detail(String jobId) {
        return Optional.ofNullable(ended.get(jobId)).map(result -> new JobDetail(status(result), "", List.of(), 0,
                List.of(), "", result.summary().adoptions(), result.summary().restores()));
    }

    /** The result of a job that ended now, as the job result store records it. */
    static JobResult resultOf(JobGraph graph, JobState terminal, String cause, Instant endedAt, JobCounts counts) {
        JobResult.Status status = switch (terminal) {
            case FINISHED -> JobResult.Status.SUCCEEDED;
            case CANCELED -> JobResult.Status.CANCELED;
            default -> JobResult.Status.FAILED;
        };
        return new JobResult(graph.jobId(), status, cause == null ? "" : cause, endedAt, new JobResult.Summary(
                graph.name(), graph.parallelism(), graph.submittedAt(), counts.restarts(), counts.restores(),
                counts.adoptions()));
    }

    private static JobStatus status(JobResult result) {
        JobResult.Summary summary = result.summary();
        return new JobStatus(result.jobId(), summary.name(), JobState.of(result.status()), summary.parallelism(),
                summary.submittedAt(), result.finishedAt(), summary.restarts(),
                result.diagnostics().isEmpty() ? null : result.diagnostics());
    }
}
