package io.spindle.runtime.jobmanager;

import io.spindle.ha.HaServices;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.storage.JobResultStore;
import io.spindle.runtime.jobmanager.JobRecovery.RecoveredJob;
import io.spindle.runtime.jobmanager.JobSubmissionException.Reason;
import io.spindle.runtime.rpc.RegisterTaskExecutorRequest;
import io.spindle.runtime.rpc.RegisterTaskExecutorResponse;
import io.spindle.runtime.rpc.TaskStatus;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager: while it leads, it recovers every stored job ({@link JobRecovery}) and runs it
 * ({@link JobRun}) on the TaskExecutors registered with this leader session
 * ({@link TaskExecutorMembership}), adopting the tasks that still run from an earlier leader
 * ({@link JobAdoption}); when leadership is revoked it stops all job activity at once. When the
 * cluster ends (a per-job cluster's job ended, a shutdown was asked) is {@link ClusterLifetime}'s.
 *
 * <p>All job state lives on one main thread; blocking storage and HA work runs on an io
 * executor, RPC and REST calls hop onto the main thread. Every command carries the leader session
 * id and every metadata write is fenced, so a deposed JobManager can neither command a
 * TaskExecutor nor complete a checkpoint. The HA backend is reached only through {@link HaServices}.
 *
 * <p>Thread-safe: the public methods may be called from any thread.
 */
public final class JobManager implements JobManagerGateway, LeaderContender {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final String clusterId;
    private final String attempt;
    private final HaServices ha;
    private final JobManagerSettings settings;
    private final ScheduledExecutorService mainThread;
    private final ExecutorService io;
    private final JobGraphStore jobGraphs;
    private final JobResultStore results;
    private final JobCleanup cleanup;
    private final JobRecovery recovery;
    private final ResourceDriver resourceDriver;
    private final TaskExecutorMembership members;
    private final DelegationTokenDistribution delegationTokens;
    private final Supplier<Optional<LeaderInfo>> leaderLookup;
    private final ClusterLifetime lifetime;
    private final JobManagerEvents events;
    private final StartupTimeline timeline;

    // Confined to the main thread:
    private LeaderContext ctx;
    private final JobBook jobs;
    private TaskExecutorRegistry registry = new TaskExecutorRegistry();
    private JobAdoption adoption;
    private volatile LeaderSession session;
    private volatile Instant leaderSince;

    /**
     * The single job of a per-job cluster, submitted once under a fixed id by the first leader that
     * finds neither its job graph nor its result.
     *
     * @param jobId fixed job id (derived from the application id, so every attempt agrees)
     * @param submission the job
     */
    public record PerJob(String jobId, JobSubmission submission) {}

    /**
     * @param clusterId the HA cluster-id, for display
     * @param attempt the YARN attempt id, or "standalone"
     * @param ha the cluster's HA services (stores, counters, job results)
     * @param settings timings and retention
     * @param resourceDriver starts TaskExecutors (YARN) or does nothing (standalone)
     * @param leaderLookup the current leader as published, for standbys' answers
     * @param perJob the job of a per-job cluster, or {@code null} for a session
     * @param events told of checkpoints and restarts (metrics), or {@link JobManagerEvents#NONE}
     * @param timeline records this JobManager's start steps ({@link StartupTimeline})
     */
    public JobManager(String clusterId, String attempt, HaServices ha, JobManagerSettings settings,
            ResourceDriver resourceDriver, Supplier<Optional<LeaderInfo>> leaderLookup, PerJob perJob,
            JobManagerEvents events, StartupTimeline timeline) {
        this.clusterId = clusterId;
        this.attempt = attempt;
        this.ha = ha;
        this.settings = settings;
        this.resourceDriver = resourceDriver;
        this.leaderLookup = leaderLookup;
        this.events = events;
        this.timeline = timeline;
        this.mainThread = Executors.newSingleThreadScheduledExecutor(Calls.daemonThreads("jobmanager-main"));
        this.jobs = new JobBook(mainThread, settings.retainedEndedJobs());
        this.io = Executors.newFixedThreadPool(4, Calls.daemonThreads("jobmanager-io"));
        this.jobGraphs = new JobGraphStore(ha.jobGraphs(io), ha.storage());
        this.results = ha.jobResults();
        this.cleanup = new JobCleanup(ha, jobGraphs, results, io, settings.retainedEndedJobs());
        this.recovery = new JobRecovery(ha, jobGraphs, results, cleanup, settings.retainedCheckpoints(), io);
        this.delegationTokens = new DelegationTokenDistribution(settings.rpcTimeout(), settings.authentication());
        this.members = new TaskExecutorMembership(settings, resourceDriver, mainThread, new TaskExecutorMembership.Listener() {
            @Override
            public void taskExecutorLost(RegisteredTaskExecutor te, String reason) {
                jobs.runs().forEach(run -> run.taskExecutorLost(te, reason));
            }

            @Override
            public void slotsChanged() {
                JobManager.this.slotsChanged();
            }

            @Override
            public void tasksReported(RegisteredTaskExecutor te, List<TaskStatus> tasks) {
                if (adoption != null) {
                    adoption.reported(te, tasks);
                }
            }
        });
        this.lifetime = new ClusterLifetime(perJob, results, jobs, members, mainThread, io);
    }

    /** Completes when the cluster ends: the per-job cluster's job ended, or the session was shut down. */
    public CompletableFuture<ClusterTermination> termination() {
        return lifetime.termination();
    }

    // ------------------------------------------------------------------ leadership

    @Override
    public void grantLeadership(LeaderSession granted) {
        session = granted;
        mainThread.execute(() -> {
            if (session != granted) {
                return;
            }
            long started = System.nanoTime();
            registry = new TaskExecutorRegistry();
            LeaderContext leader = new LeaderContext(granted, () -> session == granted && granted.isValid(), mainThread, io,
                    ha, jobGraphs, results, cleanup, settings, registry, events, timeline);
            ctx = leader;
            leaderSince = Instant.now();
            adoption = new JobAdoption(leader, settings.adoptionTimeout(), jobs::run);
            timeline.record(StartupTimeline.LEADER);
            LOG.info("Elected leader of cluster {} with leader session {} (attempt {})", clusterId, granted.id(), attempt);
            members.sessionStarted(leader);
            CompletableFuture.supplyAsync(() -> Calls.call(() -> recovery.recover(granted.fence())), io)
                    .whenCompleteAsync((recovered, error) -> recovered(leader, recovered, error, started), mainThread);
            jobs.loadHistory(results, io, () -> ctx == leader);
        });
    }

    private void recovered(LeaderContext leader, List<RecoveredJob> recovered, Throwable error, long started) {
        if (ctx != leader || !leader.isCurrent().getAsBoolean()) {
            return;
        }
        if (error != null) {
            LOG.error("Recovery of jobs failed: {}; giving up leadership so another attempt can retry",
                    Calls.rootMessage(error));
            leader.session().fence().invalidate();
            return;
        }
        List<JobRun> runs = new ArrayList<>();
        for (RecoveredJob job : recovered) {
            JobRun run = new JobRun(job.graph(), leader, job.latest(), this::slotsChanged);
            run.holdForAdoption();
            addRun(run);
            runs.add(run);
        }
        adoption.recovered(runs);
        timeline.record(StartupTimeline.JOBS_RECOVERED);
        LOG.info("Recovered {} job(s) in {} ms", recovered.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        events.jobsRecovered(leader.session(), recovered.stream().map(RecoveredJob::describe).toList());
        lifetime.submitPerJobIfAbsent(leader, this::submitInternal);
        slotsChanged();
    }

    @Override
    public void revokeLeadership(LeaderSession revoked) {
        if (session == revoked) {
            session = null;
        }
        mainThread.execute(() -> {
            if (ctx == null || ctx.session() != revoked) {
                return;
            }
            LOG.warn("Leadership revoked (session {}): stopping all job activity", revoked.id());
            jobs.suspendAll();
            adoption.close();
            adoption = null;
            members.sessionEnded();
            ctx = null;
        });
    }

    // ------------------------------------------------------------------ gateway

    @Override
    public ClusterOverview overview() {
        return onMain(() -> {
            LeaderSession current = ctx == null ? null : ctx.session();
            int running = jobs.notEnded();
            return new ClusterOverview(current != null, current == null ? null : current.id().toString(),
                    currentLeaderUrl(), clusterId, attempt, registry.all().size(), registry.totalSlots(),
                    registry.freeSlots(), running,
                    Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                    current == null ? null : leaderSince, resourceDriver.excludedNodes());
        });
    }

    @Override
    public CompletableFuture<String> submit(JobSubmission submission) {
        requireLeader();
        return submitInternal(newJobId(), submission);
    }

    private CompletableFuture<String> submitInternal(String jobId, JobSubmission submission) {
        boolean bounded = JobSubmissionValidator.validate(submission);
        int needed = submission.parallelism();
        int available = onMainAsLeader(() -> registry.freeSlots() - jobs.slotsWanted());
        if (!resourceDriver.canAddSlots() && needed > available) {
            throw new JobSubmissionException(Reason.NOT_ENOUGH_SLOTS, "Parallelism " + needed + " is more than the "
                    + Math.max(0, available) + " free slots of the cluster's TaskExecutors");
        }
        LeaderContext leader = onMainAsLeader(() -> ctx);
        CompletableFuture<JobGraph> stored = CompletableFuture.supplyAsync(() -> Calls.call(
                () -> jobGraphs.storeSubmission(jobId, submission, bounded, leader.session().fence())), io);
        return stored.thenApplyAsync(graph -> {
            if (!leader.isCurrent().getAsBoolean()) {
                throw new NotLeaderException(currentLeaderUrl());
            }
            LOG.info("Job {} ({}) submitted: {} with parallelism {}", jobId, graph.name(), graph.entryClass(), needed);
            addRun(new JobRun(graph, leader, null, this::slotsChanged));
            slotsChanged();
            return jobId;
        }, mainThread);
    }

    @Override
    public List<JobStatus> jobs() {
        return onMainAsLeader(() -> jobs.statuses());
    }

    @Override
    public Optional<JobDetail> job(String jobId) {
        return onMainAsLeader(() -> jobs.detail(jobId));
    }

    @Override
    public List<TaskExecutorInfo> taskExecutors() {
        return onMain(() -> registry.all().stream().map(te -> te.info(System.nanoTime())).toList());
    }

    @Override
    public CompletableFuture<JobStatus> cancel(String jobId) {
        return onMainAsLeader(() -> jobs.cancel(jobId));
    }

    @Override
    public CompletableFuture<Void> shutDownCluster() {
        return onMainAsLeader(() -> {
            lifetime.shutDown();
            return CompletableFuture.<Void>completedFuture(null);
        });
    }

    // ------------------------------------------------------------------ RPC from TaskExecutors

    RegisterTaskExecutorResponse registerTaskExecutor(RegisterTaskExecutorRequest request) {
        return onMain(() -> {
            RegisterTaskExecutorResponse response = members.register(request);
            if (response.getAccepted()) {
                delegationTokens.registered(ctx, request.getTaskExecutorId());
            }
            return response;
        });
    }

    /**
     * Fresh Hadoop delegation tokens of the hosting process (Kerberized YARN): passed to every
     * TaskExecutor of the current leader session now, and to each that registers later
     * ({@link DelegationTokenDistribution}). Returns at once.
     *
     * @param credentials Hadoop credentials in their token storage format, tokens only (no secret keys)
     */
    public void updateDelegationTokens(byte[] credentials) {
        byte[] copy = credentials.clone();
        mainThread.execute(() -> delegationTokens.update(copy, ctx));
    }

    /** Runs {@code action} with the job if the report belongs to the current session; returns whether it did. */
    boolean withJob(String leaderSessionId, String jobId, Consumer<JobRun> action) {
        return onMain(() -> {
            if (ctx == null || !ctx.sessionId().equals(leaderSessionId)) {
                return false;
            }
            JobRun run = jobs.run(jobId);
            if (run != null) {
                action.accept(run);
            }
            return true;
        });
    }

    // ------------------------------------------------------------------ scheduling

    /** Slots were freed or added, or a job wants slots: deploy what can be deployed, tell the driver. */
    private void slotsChanged() {
        if (ctx == null) {
            return;
        }
        jobs.runs().forEach(JobRun::tryDeploy);
        int needed = registry.totalSlots() - registry.freeSlots() + jobs.slotsWanted();
        resourceDriver.requireSlots(needed);
    }

    private void addRun(JobRun run) {
        jobs.add(run, status -> lifetime.jobEnded(run.jobId(), status));
    }

    // ------------------------------------------------------------------ helpers

    private void requireLeader() {
        LeaderSession current = session;
        if (current == null || !current.isValid()) {
            throw new NotLeaderException(currentLeaderUrl());
        }
    }

    private String currentLeaderUrl() {
        return leaderLookup.get().map(LeaderInfo::restUrl).filter(url -> !url.isBlank()).orElse(null);
    }

    private static String newJobId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private <T> T onMain(java.util.concurrent.Callable<T> action) {
        return Calls.onThread(mainThread, action, "the JobManager");
    }

    /** {@link #onMain} that first throws {@link NotLeaderException} unless this JobManager leads. */
    private <T> T onMainAsLeader(java.util.concurrent.Callable<T> action) {
        return onMain(() -> {
            requireLeader();
            return action.call();
        });
    }

    /** Stops the threads. Leadership must have been given up (the election closed) before. */
    public void close() {
        mainThread.execute(members::sessionEnded);
        mainThread.shutdown();
        io.shutdown();
        try {
            mainThread.awaitTermination(5, TimeUnit.SECONDS);
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
