package io.spindle.cli;

import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobManagerGateway;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.JobSubmissionException;
import io.spindle.runtime.jobmanager.NotLeaderException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JobManager of pure logic for the CLI tests. Submitted jobs follow a script of states, one
 * step per status request, so that waiting for a job is deterministic. Thread-safe.
 */
final class FakeGateway implements JobManagerGateway {

    final List<JobSubmission> submissions = new CopyOnWriteArrayList<>();
    private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();
    private final Map<String, Deque<JobState>> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile List<JobState> script = List.of(JobState.RUNNING);
    private volatile JobSubmissionException refusal;
    private volatile boolean standby;

    /** The states a newly submitted job goes through, one per status request; the last one stays. */
    void scriptStates(JobState... states) {
        this.script = List.of(states);
    }

    void refuseWith(JobSubmissionException refusal) {
        this.refusal = refusal;
    }

    void standbyWithoutLeader() {
        this.standby = true;
    }

    JobStatus add(String name, JobState state) {
        int n = ids.incrementAndGet();
        String id = String.format("%032x", n);
        JobStatus status = new JobStatus(id, name, state, 1, Instant.parse("2025-03-04T05:06:07.123Z").plusSeconds(n),
                null, 0, null);
        jobs.put(id, status);
        return status;
    }

    private void checkLeader() {
        if (standby) {
            throw new NotLeaderException(null);
        }
    }

    @Override
    public ClusterOverview overview() {
        return new ClusterOverview(!standby, null, null, "default", "standalone", 1, 4, 4, jobs.size());
    }

    @Override
    public CompletableFuture<String> submit(JobSubmission submission) {
        checkLeader();
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        submissions.add(submission);
        JobStatus status = add(submission.name().isBlank() ? "job" : submission.name(), JobState.CREATED);
        scripts.put(status.jobId(), new ArrayDeque<>(script));
        return CompletableFuture.completedFuture(status.jobId());
    }

    @Override
    public List<JobStatus> jobs() {
        checkLeader();
        return List.copyOf(jobs.values());
    }

    @Override
    public Optional<JobDetail> job(String jobId) {
        checkLeader();
        JobStatus status = jobs.computeIfPresent(jobId, (id, s) -> {
            Deque<JobState> steps = scripts.get(id);
            if (steps == null || steps.isEmpty()) {
                return s;
            }
            JobState next = steps.size() == 1 ? steps.peek() : steps.poll();
            int restarts = next == JobState.RESTARTING ? s.restarts() + 1 : s.restarts();
            String failure = next == JobState.RESTARTING || next == JobState.FAILED ? "java.io.IOException: disk full" : s.failure();
            return new JobStatus(id, s.name(), next, s.parallelism(), s.submittedAt(), null, restarts, failure);
        });
        return Optional.ofNullable(status).map(s -> new JobDetail(s, "x", List.of(), 0, List.of(), "", 0));
    }

    @Override
    public List<io.spindle.runtime.jobmanager.TaskExecutorInfo> taskExecutors() {
        return List.of();
    }

    @Override
    public CompletableFuture<JobStatus> cancel(String jobId) {
        checkLeader();
        JobStatus s = jobs.get(jobId);
        if (s == null) {
            return CompletableFuture.failedFuture(new JobSubmissionException(JobSubmissionException.Reason.UNKNOWN_JOB, "unknown job " + jobId));
        }
        JobStatus canceled = new JobStatus(jobId, s.name(), JobState.CANCELED, s.parallelism(), s.submittedAt(),
                Instant.now(), s.restarts(), s.failure());
        jobs.put(jobId, canceled);
        return CompletableFuture.completedFuture(canceled);
    }

    @Override
    public CompletableFuture<Void> shutDownCluster() {
        checkLeader();
        return CompletableFuture.completedFuture(null);
    }
}
