package io.spindle.runtime.jobmanager;

import io.spindle.api.Job;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.JobResult;
import io.spindle.ha.storage.JobResultStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.LeaderSession;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.rpc.HeartbeatRequest;
import io.spindle.runtime.rpc.GrpcFutures;
import io.spindle.runtime.rpc.RegisterTaskExecutorRequest;
import io.spindle.runtime.rpc.RegisterTaskExecutorResponse;
import io.spindle.runtime.rpc.ShutdownRequest;
import io.spindle.runtime.rpc.TaskState;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.zip.ZipException;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobManager: while it leads, it recovers every stored job and runs it on the registered
 * TaskExecutors; when leadership is revoked it stops all job activity at once.
 *
 * <p>All job state lives on one main thread; blocking storage and ZooKeeper work runs on an io
 * executor, RPC and REST calls hop onto the main thread. Every command carries the leader session
 * id and every metadata write is fenced, so a deposed JobManager can neither command a
 * TaskExecutor nor complete a checkpoint.
 *
 * <p>Thread-safe: the public methods may be called from any thread.
 */
public final class JobManager implements JobManagerGateway, LeaderContender {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final String clusterId;
    private final String attempt;
    private final CuratorFramework client;
    private final ClusterStorage storage;
    private final JobManagerSettings settings;
    private final ScheduledExecutorService mainThread;
    private final ExecutorService io;
    private final JobGraphStore jobGraphs;
    private final JobResultStore results;
    private final ResourceDriver resourceDriver;
    private final Supplier<Optional<LeaderInfo>> leaderLookup;
    private final CompletableFuture<ClusterTermination> termination = new CompletableFuture<>();
    private final PerJob perJob;

    // Confined to the main thread:
    private LeaderContext ctx;
    private final Map<String, JobRun> jobs = new LinkedHashMap<>();
    private final Map<String, JobStatus> endedJobs = new LinkedHashMap<>();
    private TaskExecutorRegistry registry = new TaskExecutorRegistry();
    private ScheduledFuture<?> heartbeats;
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
     * @param client the cluster's ZooKeeper client (namespace root/cluster-id)
     * @param storage the cluster's storageDir
     * @param settings timings and retention
     * @param resourceDriver starts TaskExecutors (YARN) or does nothing (standalone)
     * @param leaderLookup the current leader as published in ZooKeeper, for standbys' answers
     * @param perJob the job of a per-job cluster, or {@code null} for a session
     */
    public JobManager(String clusterId, String attempt, CuratorFramework client, ClusterStorage storage,
            JobManagerSettings settings, ResourceDriver resourceDriver, Supplier<Optional<LeaderInfo>> leaderLookup,
            PerJob perJob) {
        this.clusterId = clusterId;
        this.attempt = attempt;
        this.client = client;
        this.storage = storage;
        this.settings = settings;
        this.resourceDriver = resourceDriver;
        this.leaderLookup = leaderLookup;
        this.perJob = perJob;
        this.mainThread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                daemonThreads("jobmanager-main"));
        this.io = java.util.concurrent.Executors.newFixedThreadPool(4, daemonThreads("jobmanager-io"));
        this.jobGraphs = new JobGraphStore(client, storage, io);
        this.results = new JobResultStore(storage);
    }

    /** Completes when the cluster ends: the per-job cluster's job ended, or the session was shut down. */
    public CompletableFuture<ClusterTermination> termination() {
        return termination;
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
            ctx = new LeaderContext(granted, () -> session == granted && granted.isValid(), mainThread, io, client,
                    storage, jobGraphs, results, settings, registry);
            leaderSince = Instant.now();
            LOG.info("Elected leader of cluster {} with leader session {} (attempt {})", clusterId, granted.id(), attempt);
            startHeartbeats();
            LeaderContext recoveryCtx = ctx;
            CompletableFuture.supplyAsync(() -> call(this::recoverJobs), io)
                    .whenCompleteAsync((recovered, error) -> {
                        if (ctx != recoveryCtx || !recoveryCtx.isCurrent().getAsBoolean()) {
                            return;
                        }
                        if (error != null) {
                            LOG.error("Recovery of jobs failed: {}; giving up leadership so another attempt can retry",
                                    CheckpointCoordinator.rootMessage(error));
                            granted.fence().invalidate();
                            return;
                        }
                        for (RecoveredJob job : recovered) {
                            addRun(new JobRun(job.graph(), recoveryCtx, job.latest(), this::slotsChanged));
                        }
                        LOG.info("Recovered {} job(s) in {} ms", recovered.size(),
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                        submitPerJobIfAbsent(recoveryCtx);
                        slotsChanged();
                    }, mainThread);
        });
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
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            jobs.values().forEach(JobRun::suspend);
            jobs.clear();
            registry.closeAll();
            ctx = null;
        });
    }

    private record RecoveredJob(JobGraph graph, CompletedCheckpoint latest) {}

    /** Runs on the io executor: reads job graphs and latest checkpoints, finishes interrupted cleanups. */
    private List<RecoveredJob> recoverJobs() throws Exception {
        LeaderSession current = session;
        if (current == null) {
            return List.of();
        }
        Recovered<JobGraph> graphs = jobGraphs.recoverAll();
        graphs.failures().forEach((jobId, failure) -> LOG.error(
                "Job {} cannot be recovered and is left as it is (see 'spindle ha inspect'): {}", jobId, failure.getMessage()));
        List<RecoveredJob> recovered = new ArrayList<>();
        for (JobGraph graph : graphs.entries().values()) {
            if (results.hasJobResult(graph.jobId())) {
                LOG.info("Job {} had ended before the failover; finishing its cleanup", graph.jobId());
                new CompletedCheckpointStore(client, storage, graph.jobId(), 1, io).removeAll(current.fence());
                jobGraphs.remove(graph, current.fence());
                results.markClean(graph.jobId());
                continue;
            }
            CompletedCheckpoint latest = new CompletedCheckpointStore(client, storage, graph.jobId(),
                    settings.retainedCheckpoints(), io).recoverLatest().orElse(null);
            LOG.info("Recovered job {} ({}) {}", graph.jobId(), graph.name(),
                    latest == null ? "with no checkpoint yet" : "at checkpoint " + latest.checkpointId());
            recovered.add(new RecoveredJob(graph, latest));
        }
        return recovered;
    }

    /** On the main thread: submits the per-job cluster's job unless it is running or has ended. */
    private void submitPerJobIfAbsent(LeaderContext leader) {
        if (perJob == null || jobs.containsKey(perJob.jobId())) {
            return;
        }
        String jobId = perJob.jobId();
        // Off the main thread: the submission itself waits for the main thread.
        CompletableFuture.runAsync(() -> {
            Optional<JobResult> ended = call(() -> results.get(jobId));
            if (ended.isPresent()) {
                LOG.info("Per-job cluster: job {} has already ended ({})", jobId, ended.get().status());
                mainThread.execute(() -> terminateFor(switch (ended.get().status()) {
                    case SUCCEEDED -> JobState.FINISHED;
                    case CANCELED -> JobState.CANCELED;
                    default -> JobState.FAILED;
                }, ended.get().diagnostics()));
                return;
            }
            submitInternal(jobId, perJob.submission()).join();
        }, io).whenComplete((ignored, error) -> {
            if (error != null && leader.isCurrent().getAsBoolean()) {
                String reason = CheckpointCoordinator.rootMessage(error);
                LOG.error("Per-job cluster: the job could not be submitted: {}", reason);
                termination.complete(new ClusterTermination(ClusterTermination.Status.FAILED,
                        "The job could not be submitted: " + reason));
            }
        });
    }

    // ------------------------------------------------------------------ gateway

    @Override
    public ClusterOverview overview() {
        return onMain(() -> {
            LeaderSession current = ctx == null ? null : ctx.session();
            String leaderUrl = leaderLookup.get().map(LeaderInfo::restUrl).filter(url -> !url.isBlank()).orElse(null);
            int running = (int) jobs.values().stream().filter(run -> !run.state().isTerminal()).count();
            return new ClusterOverview(current != null, current == null ? null : current.id().toString(), leaderUrl,
                    clusterId, attempt, registry.all().size(), registry.totalSlots(), registry.freeSlots(), running,
                    Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()),
                    current == null ? null : leaderSince);
        });
    }

    @Override
    public CompletableFuture<String> submit(JobSubmission submission) {
        requireLeader();
        return submitInternal(newJobId(), submission);
    }

    private CompletableFuture<String> submitInternal(String jobId, JobSubmission submission) {
        boolean bounded = inspectJar(submission);
        int needed = submission.parallelism();
        int available = onMain(() -> {
            requireLeader();
            int wanted = jobs.values().stream().mapToInt(JobRun::slotsWanted).sum();
            return registry.freeSlots() - wanted;
        });
        if (!resourceDriver.canAddSlots() && needed > available) {
            throw new JobSubmissionException(400, "Parallelism " + needed + " is more than the " + Math.max(0, available)
                    + " free slots of the cluster's TaskExecutors");
        }
        LeaderContext leader = onMain(() -> {
            requireLeader();
            return ctx;
        });
        String name = submission.name() == null || submission.name().isBlank()
                ? submission.entryClass().substring(submission.entryClass().lastIndexOf('.') + 1)
                : submission.name();
        return CompletableFuture.supplyAsync(() -> call(() -> {
            StatePointer jar = jobGraphs.storeJar(jobId, submission.jar());
            JobGraph graph = new JobGraph(jobId, name, submission.entryClass(), submission.arguments(), needed, jar,
                    Instant.now(), bounded);
            jobGraphs.store(graph, leader.session().fence());
            return graph;
        }), io).thenApplyAsync(graph -> {
            if (!leader.isCurrent().getAsBoolean()) {
                throw new NotLeaderException(currentLeaderUrl());
            }
            LOG.info("Job {} ({}) submitted: {} with parallelism {}", jobId, name, submission.entryClass(), needed);
            addRun(new JobRun(graph, leader, null, this::slotsChanged));
            slotsChanged();
            return jobId;
        }, mainThread);
    }

    /**
     * Checks the jar and entry class before anything is stored, and asks the job to validate its
     * arguments.
     *
     * @return whether the job is bounded
     * @throws JobSubmissionException (400) naming what is wrong
     */
    private static boolean inspectJar(JobSubmission submission) {
        if (submission.parallelism() < 1) {
            throw new JobSubmissionException(400, "Parallelism must be at least 1, not " + submission.parallelism());
        }
        Path jar = submission.jar();
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new JobSubmissionException(400, "The job jar is missing");
        }
        try (java.util.jar.JarFile ignored = new java.util.jar.JarFile(jar.toFile());
                URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        JobManager.class.getClassLoader())) {
            Class<?> entry;
            try {
                entry = Class.forName(submission.entryClass(), false, loader);
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                throw new JobSubmissionException(400, "Class " + submission.entryClass() + " not found in the job jar");
            }
            if (!Job.class.isAssignableFrom(entry)) {
                throw new JobSubmissionException(400, "Class " + submission.entryClass() + " does not implement "
                        + Job.class.getName());
            }
            Job job;
            try {
                job = (Job) entry.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new JobSubmissionException(400, "Class " + submission.entryClass()
                        + " cannot be instantiated (it needs a public no-argument constructor): " + e);
            }
            try {
                job.validate(submission.arguments());
            } catch (IllegalArgumentException e) {
                throw new JobSubmissionException(400, "Invalid job arguments: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new JobSubmissionException(400, "The job rejected its arguments: " + e);
            }
            return job.isBounded();
        } catch (ZipException e) {
            throw new JobSubmissionException(400, "The job jar is not a valid jar file: " + e.getMessage());
        } catch (IOException e) {
            throw new JobSubmissionException(400, "The job jar cannot be read: " + e.getMessage());
        }
    }

    @Override
    public List<JobStatus> jobs() {
        return onMain(() -> {
            requireLeader();
            List<JobStatus> list = new ArrayList<>(endedJobs.values());
            jobs.values().forEach(run -> list.add(run.status()));
            list.sort(Comparator.comparing(JobStatus::submittedAt));
            return list;
        });
    }

    @Override
    public Optional<JobDetail> job(String jobId) {
        return onMain(() -> {
            requireLeader();
            JobRun run = jobs.get(jobId);
            if (run != null) {
                return Optional.of(run.detail());
            }
            JobStatus ended = endedJobs.get(jobId);
            return Optional.ofNullable(ended).map(status -> new JobDetail(status, "", List.of(), 0, List.of()));
        });
    }

    @Override
    public CompletableFuture<JobStatus> cancel(String jobId) {
        CompletableFuture<JobStatus> result = onMain(() -> {
            requireLeader();
            JobRun run = jobs.get(jobId);
            if (run == null) {
                JobStatus ended = endedJobs.get(jobId);
                if (ended != null) {
                    return CompletableFuture.completedFuture(ended);
                }
                throw new JobSubmissionException(404, "No job with id " + jobId);
            }
            run.cancel();
            return run.termination();
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> shutDownCluster() {
        return onMain(() -> {
            requireLeader();
            LOG.info("Shutting down the cluster on request: cancelling {} job(s)", jobs.size());
            List<CompletableFuture<JobStatus>> ends = new ArrayList<>();
            for (JobRun run : List.copyOf(jobs.values())) {
                run.cancel();
                ends.add(run.termination());
            }
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenCompleteAsync((ignored, error) -> {
                        stopTaskExecutors("the cluster was shut down");
                        termination.complete(new ClusterTermination(ClusterTermination.Status.SUCCEEDED,
                                "The cluster was shut down on request"));
                    }, mainThread);
            return CompletableFuture.completedFuture(null);
        });
    }

    // ------------------------------------------------------------------ RPC from TaskExecutors

    RegisterTaskExecutorResponse registerTaskExecutor(RegisterTaskExecutorRequest request) {
        return onMain(() -> {
            if (ctx == null || !ctx.sessionId().equals(request.getLeaderSessionId())) {
                return RegisterTaskExecutorResponse.newBuilder().setAccepted(false)
                        .setReason("not the leader session " + request.getLeaderSessionId()).build();
            }
            registry.get(request.getTaskExecutorId()).ifPresent(previous -> lost(previous, "it registered again"));
            RegisteredTaskExecutor te = new RegisteredTaskExecutor(request.getTaskExecutorId(), request.getRpcAddress(),
                    request.getResourceId(), request.getSlots(), System.nanoTime());
            registry.add(te);
            LOG.info("TaskExecutor {} registered with {} slot(s){}", te, te.slots(),
                    te.resourceId().isEmpty() ? "" : " (" + te.resourceId() + ")");
            resourceDriver.workerRegistered(te.resourceId());
            slotsChanged();
            return RegisterTaskExecutorResponse.newBuilder().setAccepted(true)
                    .setHeartbeatIntervalMs(settings.heartbeatInterval().toMillis())
                    .setHeartbeatTimeoutMs(settings.heartbeatTimeout().toMillis())
                    .build();
        });
    }

    /** Runs {@code action} with the job if the report belongs to the current session; returns whether it did. */
    boolean withJob(String leaderSessionId, String jobId, java.util.function.Consumer<JobRun> action) {
        return onMain(() -> {
            if (ctx == null || !ctx.sessionId().equals(leaderSessionId)) {
                return false;
            }
            JobRun run = jobs.get(jobId);
            if (run != null) {
                action.accept(run);
            }
            return true;
        });
    }

    void taskStateChanged(String leaderSessionId, TaskKey task, TaskState state, String failure) {
        withJob(leaderSessionId, task.jobId(), run -> run.taskStateChanged(task, state, failure));
    }

    // ------------------------------------------------------------------ heartbeats and slots

    private void startHeartbeats() {
        long interval = settings.heartbeatInterval().toMillis();
        heartbeats = mainThread.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        if (ctx == null) {
            return;
        }
        LeaderContext leader = ctx;
        long now = System.nanoTime();
        long timeoutNanos = settings.heartbeatTimeout().toNanos();
        for (RegisteredTaskExecutor te : registry.all()) {
            if (now - te.lastHeartbeatNanos() > timeoutNanos) {
                lost(te, "no heartbeat for " + settings.heartbeatTimeout().toMillis() + " ms");
                continue;
            }
            HeartbeatRequest request = HeartbeatRequest.newBuilder()
                    .setLeaderSessionId(leader.sessionId())
                    .setTaskExecutorId(te.id())
                    .build();
            GrpcFutures.toCompletable(te.stub(settings.heartbeatTimeout().toMillis()).heartbeat(request))
                    .whenCompleteAsync((response, error) -> {
                        if (ctx != leader || registry.get(te.id()).orElse(null) != te || error != null) {
                            return;
                        }
                        if (!response.getKnownLeader()) {
                            lost(te, "it follows another leader");
                            return;
                        }
                        te.heartbeatReceived(System.nanoTime());
                    }, mainThread);
        }
    }

    private void lost(RegisteredTaskExecutor te, String reason) {
        if (registry.remove(te.id()).isEmpty()) {
            return;
        }
        LOG.warn("TaskExecutor {} lost: {}", te, reason);
        resourceDriver.workerLost(te.resourceId(), reason);
        for (JobRun run : List.copyOf(jobs.values())) {
            run.taskExecutorLost(te, reason);
        }
        slotsChanged();
    }

    /** Slots were freed or added, or a job wants slots: deploy what can be deployed, tell the driver. */
    private void slotsChanged() {
        if (ctx == null) {
            return;
        }
        jobs.values().forEach(JobRun::tryDeploy);
        int needed = registry.totalSlots() - registry.freeSlots()
                + jobs.values().stream().mapToInt(JobRun::slotsWanted).sum();
        resourceDriver.requireSlots(needed);
    }

    private void addRun(JobRun run) {
        jobs.put(run.jobId(), run);
        run.termination().whenCompleteAsync((status, error) -> {
            if (jobs.get(run.jobId()) == run) {
                jobs.remove(run.jobId());
                endedJobs.put(run.jobId(), status);
            }
            if (perJob != null && perJob.jobId().equals(run.jobId())) {
                terminateFor(status.state(), status.failure());
            }
        }, mainThread);
    }

    private void terminateFor(JobState state, String failure) {
        ClusterTermination.Status status = switch (state) {
            case FINISHED -> ClusterTermination.Status.SUCCEEDED;
            case CANCELED -> ClusterTermination.Status.KILLED;
            default -> ClusterTermination.Status.FAILED;
        };
        String diagnostics = state == JobState.FINISHED ? "The job finished"
                : state == JobState.CANCELED ? "The job was cancelled"
                : "The job failed: " + failure;
        stopTaskExecutors("the job ended");
        termination.complete(new ClusterTermination(status, diagnostics));
    }

    private void stopTaskExecutors(String reason) {
        if (ctx == null) {
            return;
        }
        ShutdownRequest request = ShutdownRequest.newBuilder().setLeaderSessionId(ctx.sessionId()).setReason(reason).build();
        for (RegisteredTaskExecutor te : registry.all()) {
            te.stub(settings.rpcTimeout().toMillis()).shutdown(request);
        }
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

    /** Runs on the main thread and waits (bounded) for the answer; exceptions are rethrown as they are. */
    private <T> T onMain(Callable<T> action) {
        CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> call(action), mainThread);
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the JobManager", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The JobManager did not answer within 30 s", e);
        }
    }

    private static <T> T call(Callable<T> action) {
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the threads. Leadership must have been given up (the election closed) before. */
    public void close() {
        mainThread.execute(() -> registry.closeAll());
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
