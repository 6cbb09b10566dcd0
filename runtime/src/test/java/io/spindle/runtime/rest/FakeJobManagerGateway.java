package io.spindle.runtime.rest;

import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobManagerGateway;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.JobSubmissionException;
import io.spindle.runtime.jobmanager.NotLeaderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A JobManager of pure logic for the REST tests: keeps jobs in a map, records each submission with
 * the bytes of the jar as they were during the call, and can act as a standby, refuse, hold
 * submissions pending, or throw. Thread-safe.
 */
public final class FakeJobManagerGateway implements JobManagerGateway {

    /** A submission as the gateway saw it, with the jar's content and permissions at that moment. */
    public record Received(JobSubmission submission, byte[] jarBytes, String jarPermissions) {}

    private final Map<String, JobStatus> jobs = new ConcurrentHashMap<>();
    private final Map<String, JobDetail> details = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicBoolean shutDown = new AtomicBoolean();

    private volatile boolean leader = true;
    private volatile String leaderUrl;
    private volatile Function<JobSubmission, CompletableFuture<String>> submitBehaviour;
    private volatile RuntimeException jobsFailure;

    /** Turns this gateway into a standby naming {@code leaderUrl} (may be null). */
    public FakeJobManagerGateway standby(String leaderUrl) {
        this.leader = false;
        this.leaderUrl = leaderUrl;
        return this;
    }

    /** Replaces how submissions are answered (default: stored, completed with a new id). */
    public void onSubmit(Function<JobSubmission, CompletableFuture<String>> behaviour) {
        this.submitBehaviour = behaviour;
    }

    /** Makes {@link #jobs()} throw {@code failure}. */
    public void failJobsWith(RuntimeException failure) {
        this.jobsFailure = failure;
    }

    /** Adds a job as if it had been submitted, returning its status. */
    public JobStatus addJob(String name, JobState state) {
        String id = String.format("%032x", ids.incrementAndGet());
        Instant submitted = Instant.parse("2025-01-02T03:04:05.678Z").plusSeconds(ids.get());
        JobStatus status = new JobStatus(id, name, state, 2, submitted, state.isTerminal() ? submitted.plusSeconds(60) : null,
                0, state == JobState.FAILED ? "java.lang.IllegalStateException: boom" : null);
        jobs.put(id, status);
        details.put(id, new JobDetail(status, "com.example." + name, List.of("--in", "x"), 7,
                List.of(new CheckpointStats(7, "COMPLETED", submitted.plusSeconds(30), 120, null),
                        new CheckpointStats(6, "FAILED", submitted.plusSeconds(20), -1, "declined")), "d" + id, 0));
        return status;
    }

    /** Sets the state of a job. */
    public void setState(String jobId, JobState state) {
        jobs.computeIfPresent(jobId, (id, s) -> new JobStatus(id, s.name(), state, s.parallelism(), s.submittedAt(),
                state.isTerminal() ? Instant.now() : null, s.restarts(), state == JobState.FAILED ? "java.lang.IllegalStateException: boom" : null));
    }

    /** The submissions that reached the gateway, in order. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Whether {@link #shutDownCluster()} was called on the leader. */
    public boolean isShutDown() {
        return shutDown.get();
    }

    private void checkLeader() {
        if (!leader) {
            throw new NotLeaderException(leaderUrl);
        }
    }

    @Override
    public ClusterOverview overview() {
        return leader
                ? new ClusterOverview(true, "3f0c7d3e-7b8e-4d4e-9a54-1f1b7c0e0a01", leaderUrl, "default", "standalone", 2, 8, 6,
                        (int) jobs.values().stream().filter(j -> !j.state().isTerminal()).count())
                : new ClusterOverview(false, null, leaderUrl, "default", "standalone", 0, 0, 0, 0);
    }

    @Override
    public CompletableFuture<String> submit(JobSubmission submission) {
        checkLeader();
        byte[] bytes;
        String permissions;
        try {
            bytes = Files.readAllBytes(submission.jar());
            permissions = java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(submission.jar()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        received.add(new Received(submission, bytes, permissions));
        Function<JobSubmission, CompletableFuture<String>> behaviour = submitBehaviour;
        if (behaviour != null) {
            return behaviour.apply(submission);
        }
        JobStatus status = addJob(submission.name().isBlank() ? "job" : submission.name(), JobState.RUNNING);
        return CompletableFuture.completedFuture(status.jobId());
    }

    @Override
    public List<JobStatus> jobs() {
        checkLeader();
        RuntimeException failure = jobsFailure;
        if (failure != null) {
            throw failure;
        }
        return jobs.values().stream().sorted((a, b) -> a.submittedAt().compareTo(b.submittedAt())).toList();
    }

    @Override
    public Optional<JobDetail> job(String jobId) {
        checkLeader();
        JobStatus status = jobs.get(jobId);
        JobDetail detail = details.get(jobId);
        return status == null ? Optional.empty()
                : Optional.of(new JobDetail(status, detail.entryClass(), detail.arguments(),
                        detail.latestCompletedCheckpointId(), detail.checkpoints(), detail.deploymentId(), detail.adoptions()));
    }

    @Override
    public List<io.spindle.runtime.jobmanager.TaskExecutorInfo> taskExecutors() {
        return List.of();
    }

    @Override
    public CompletableFuture<JobStatus> cancel(String jobId) {
        checkLeader();
        JobStatus status = jobs.get(jobId);
        if (status == null) {
            return CompletableFuture.failedFuture(new JobSubmissionException(JobSubmissionException.Reason.UNKNOWN_JOB, "unknown job " + jobId));
        }
        if (!status.state().isTerminal()) {
            setState(jobId, JobState.CANCELED);
        }
        return CompletableFuture.completedFuture(jobs.get(jobId));
    }

    @Override
    public CompletableFuture<Void> shutDownCluster() {
        checkLeader();
        shutDown.set(true);
        return CompletableFuture.completedFuture(null);
    }
}
