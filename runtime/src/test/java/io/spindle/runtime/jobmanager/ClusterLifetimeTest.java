package io.spindle.runtime.jobmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.storage.JobResult;
import io.spindle.ha.storage.JobResultStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a per-job cluster ends: its job found ended, its submission failed, its job ended; and a session's shutdown. */
class ClusterLifetimeTest {

    private static final String JOB = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    private ScheduledExecutorService mainThread;
    private ExecutorService io;
    private JobResultStore results;
    private JobBook jobs;
    private final AtomicBoolean current = new AtomicBoolean(true);
    private final AtomicInteger submissions = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        mainThread = Executors.newSingleThreadScheduledExecutor();
        io = Executors.newSingleThreadExecutor();
        results = new JobResultStore(FileSystem.getLocal(new Configuration()),
                new org.apache.hadoop.fs.Path(tmp.resolve("job-results").toUri()));
        jobs = new JobBook(mainThread, 10);
    }

    @AfterEach
    void tearDown() throws Exception {
        mainThread.shutdownNow();
        io.shutdownNow();
        assertThat(mainThread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    private ClusterLifetime lifetime(JobManager.PerJob perJob) {
        TaskExecutorMembership members = new TaskExecutorMembership(JobManagerUnderTest.settings(1, Duration.ofSeconds(10)),
                ResourceDriver.STANDALONE, mainThread, null);
        return new ClusterLifetime(perJob, results, jobs, members, mainThread, io);
    }

    private static JobManager.PerJob perJob() {
        return new JobManager.PerJob(JOB, new JobSubmission("counting", Path.of("job.jar"), "Counting", List.of(), 1));
    }

    private LeaderContext leader() {
        return new LeaderContext(null, current::get, mainThread, io, null, null, results, null, null, null, null, null);
    }

    private void onMain(Runnable action) throws Exception {
        mainThread.submit(action).get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<String> failingSubmit(String jobId, JobSubmission submission) {
        submissions.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalStateException("storageDir is full"));
    }

    @Test
    void aPerJobClusterWhoseJobHadEndedEndsAsTheJobDidWithoutSubmittingIt() throws Exception {
        results.createDirty(new JobResult(JOB, JobResult.Status.CANCELED, "", Instant.now()));
        ClusterLifetime lifetime = lifetime(perJob());

        onMain(() -> lifetime.submitPerJobIfAbsent(leader(), this::failingSubmit));

        assertThat(lifetime.termination().get(10, TimeUnit.SECONDS))
                .isEqualTo(ClusterTermination.forJobEnd(JobState.CANCELED, ""));
        assertThat(submissions).hasValue(0);
    }

    @Test
    void aFailedSubmissionEndsThePerJobClusterOnlyWhileTheLeadershipHolds() throws Exception {
        ClusterLifetime deposed = lifetime(perJob());
        current.set(false);
        onMain(() -> deposed.submitPerJobIfAbsent(leader(), this::failingSubmit));
        io.submit(() -> { }).get(10, TimeUnit.SECONDS); // the single io thread handled the failed submission before
        assertThat(submissions).hasValue(1);
        assertThat(deposed.termination()).as("a deposed leader's failure is not the cluster's end").isNotDone();

        current.set(true);
        ClusterLifetime leading = lifetime(perJob());
        onMain(() -> leading.submitPerJobIfAbsent(leader(), this::failingSubmit));

        ClusterTermination end = leading.termination().get(10, TimeUnit.SECONDS);
        assertThat(end.status()).isEqualTo(ClusterTermination.Status.FAILED);
        assertThat(end.diagnostics()).contains("The job could not be submitted").contains("storageDir is full");
    }

    @Test
    void onlyThePerJobClustersOwnJobEndsIt() throws Exception {
        ClusterLifetime lifetime = lifetime(perJob());
        JobStatus failed = new JobStatus(JOB, "counting", JobState.FAILED, 1, Instant.now(), Instant.now(), 2, "boom", null);

        onMain(() -> lifetime.jobEnded("ffffffffffffffffffffffffffffffff", failed));
        assertThat(lifetime.termination()).isNotDone();

        onMain(() -> lifetime.jobEnded(JOB, failed));
        assertThat(lifetime.termination().get(10, TimeUnit.SECONDS))
                .isEqualTo(ClusterTermination.forJobEnd(JobState.FAILED, "boom"));
    }

    @Test
    void aSessionEndsOnlyOnShutdownAndNeverSubmitsAnything() throws Exception {
        ClusterLifetime session = lifetime(null);
        onMain(() -> session.submitPerJobIfAbsent(leader(), this::failingSubmit));
        onMain(() -> session.jobEnded(JOB, new JobStatus(JOB, "x", JobState.FINISHED, 1, Instant.now(), Instant.now(),
                0, null, null)));
        assertThat(session.termination()).isNotDone();
        assertThat(submissions).hasValue(0);

        onMain(session::shutDown);

        assertThat(session.termination().get(10, TimeUnit.SECONDS).status()).isEqualTo(ClusterTermination.Status.SUCCEEDED);
    }
}
