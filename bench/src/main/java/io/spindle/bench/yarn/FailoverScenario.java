package io.spindle.bench.yarn;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLeaderRetrieval;
import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.util.Polling;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.SignalContainerCommand;

/**
 * The failover scenario of the demo and of {@code spindle bench yarn-failover}: a per-job cluster
 * runs the counting job; once it has completed a few checkpoints its ApplicationMaster's JVM is
 * killed (SIGKILL through the NodeManager); YARN starts attempt 2, which preempts attempt 1's
 * leadership, recovers the job from storageDir and redeploys its tasks on the kept TaskExecutors.
 *
 * <p>Server-side instants (JVM start, leadership, recovery, tasks running) come from the new
 * leader's REST API and are compared with this client's clock: exact on one machine (the local
 * cluster), off by the clock skew otherwise. Not thread-safe.
 */
public final class FailoverScenario {

    /**
     * The measured timeline, all relative to the kill (ms), plus the submission figure.
     *
     * @param applicationId the per-job application
     * @param output where the job wrote its output
     * @param submitToRunningMs submission to all tasks running (client clock)
     * @param checkpointBeforeKill the newest completed checkpoint when the AM was killed
     * @param attempt2JvmMs kill to attempt 2's JVM start
     * @param attempt2LeaderMs kill to attempt 2 leading
     * @param recoveredMs kill to job graph and checkpoint recovered
     * @param restoredCheckpoint the checkpoint attempt 2 resumed from
     * @param tasksRunningMs kill to every task running again
     * @param finalStatus the application's final status
     */
    public record Timeline(ApplicationId applicationId, String output, long submitToRunningMs,
            long checkpointBeforeKill, long attempt2JvmMs, long attempt2LeaderMs, long recoveredMs,
            long restoredCheckpoint, long tasksRunningMs, String finalStatus) {}

    private final YarnClusterDeployer deployer;
    private final Configuration conf;
    private final Path examplesJar;
    private final PrintStream out;
    private Consumer<String> afterRecovery = dashboard -> { };

    /**
     * @param deployer a deployer for the cluster to run on
     * @param conf the Spindle configuration (HA keys)
     * @param examplesJar the examples jar (the counting job)
     * @param out where progress goes
     */
    public FailoverScenario(YarnClusterDeployer deployer, Configuration conf, Path examplesJar, PrintStream out) {
        this.deployer = deployer;
        this.conf = conf;
        this.examplesJar = examplesJar;
        this.out = out;
    }

    /**
     * Runs {@code action} with the dashboard's URL once attempt 2 has resumed the job, while the
     * application still runs (the demo takes its screenshot then).
     *
     * @return this scenario
     */
    public FailoverScenario afterRecovery(Consumer<String> action) {
        this.afterRecovery = java.util.Objects.requireNonNull(action);
        return this;
    }

    /**
     * Runs the scenario once.
     *
     * @param output the job's output folder URI (must not exist)
     * @param count records per task
     * @param parallelism tasks
     * @param checkpointsBeforeKill completed checkpoints to wait for before the kill
     */
    public Timeline run(String output, int count, int parallelism, int checkpointsBeforeKill) throws Exception {
        long submitted = System.nanoTime();
        ClusterHandle handle = deployer.deployPerJob(conf, new JobDescription(examplesJar,
                "io.spindle.examples.counting.CountingJob",
                List.of("--output", output, "--count", Integer.toString(count), "--step-delay-ms", "2"),
                parallelism, "failover-demo"));
        ApplicationId app = handle.applicationId();
        String dashboard = DashboardUrl.of(deployer.report(app), deployer.yarnClient().getConfig());
        progress("dashboard: %s", dashboard);
        deployer.followStartup(handle, Duration.ofMinutes(3)); // prints the start steps until the tasks run
        RestClusterClient rest = new RestClusterClient(handle.restUrl());
        String jobId = await("the job's tasks running", Duration.ofMinutes(3), () -> rest.jobs().stream()
                .filter(job -> job.runningSince() != null).map(JobStatus::jobId).findFirst());
        long submitToRunning = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted);
        progress("job %s running on %d tasks, %d ms after submission", jobId, parallelism, submitToRunning);

        long before = await(checkpointsBeforeKill + " completed checkpoints", Duration.ofMinutes(2), () -> {
            JobDetail detail = rest.job(jobId);
            long completed = detail.checkpoints().stream().filter(c -> c.status().equals("COMPLETED")).count();
            return completed >= checkpointsBeforeKill ? Optional.of(detail.latestCompletedCheckpointId()) : Optional.empty();
        });
        ApplicationReport report = deployer.report(app);
        ApplicationAttemptId first = report.getCurrentApplicationAttemptId();
        ContainerId amContainer = deployer.yarnClient().getApplicationAttemptReport(first).getAMContainerId();
        progress("checkpoint %d complete; killing the ApplicationMaster (%s) with SIGKILL", before, amContainer);
        Instant killedAt = Instant.now();
        deployer.yarnClient().signalToContainer(amContainer, SignalContainerCommand.FORCEFUL_SHUTDOWN);

        String newUrl;
        try (CuratorFramework zk = new ZooKeeperClientFactory(conf.with(HighAvailabilityOptions.CLUSTER_ID,
                app.toString())).startClusterClient()) {
            newUrl = await("attempt 2 to lead", Duration.ofMinutes(3), () -> leader(zk)
                    .filter(info -> !info.participantId().equals(first.toString()))
                    .map(LeaderInfo::restUrl).filter(url -> !url.isBlank()));
        }
        RestClusterClient rest2 = new RestClusterClient(newUrl);
        ClusterOverview overview = await("attempt 2's overview", Duration.ofMinutes(1),
                () -> Optional.of(rest2.overview()).filter(ClusterOverview::leader));
        JobStatus running = await("the tasks running again", Duration.ofMinutes(3), () -> rest2.jobs().stream()
                .filter(job -> job.jobId().equals(jobId) && job.runningSince() != null
                        && job.runningSince().isAfter(killedAt)).findFirst());
        JobDetail detail = rest2.job(jobId);
        CheckpointStats restored = detail.checkpoints().stream()
                .filter(c -> c.status().equals("RESTORED") || c.status().equals("ADOPTED")).findFirst()
                .orElseThrow(() -> new IllegalStateException("attempt 2 reported neither a restored checkpoint nor an adoption"));
        progress("attempt 2 leads and %s job %s at checkpoint %d",
                restored.status().equals("ADOPTED") ? "adopted the running tasks of" : "resumed", jobId, restored.id());
        afterRecovery.accept(dashboard);

        Optional<ApplicationReport> end = deployer.awaitTermination(app, Duration.ofMinutes(5));
        String status = end.map(r -> r.getFinalApplicationStatus().toString()).orElse("still running");
        progress("application %s ended: %s", app, status);
        return new Timeline(app, output, submitToRunning, before, since(killedAt, overview.processStartedAt()),
                since(killedAt, overview.leaderSince()), since(killedAt, restored.triggeredAt()), restored.id(),
                since(killedAt, running.runningSince()), status);
    }

    private static long since(Instant start, Instant event) {
        return event == null ? -1 : Duration.between(start, event).toMillis();
    }

    private static Optional<LeaderInfo> leader(CuratorFramework zk) {
        try {
            return ZooKeeperLeaderRetrieval.readOnce(zk);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void progress(String format, Object... args) {
        out.printf("  %s%n", String.format(format, args));
        out.flush();
    }

    /** Polls {@code probe} every 100 ms until it yields a value; failures of a probe count as "not yet". */
    private <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long started = System.nanoTime();
        long[] lastDot = {started};
        return Polling.<T, RuntimeException>poll(Duration.ofMillis(100), timeout, () -> {
            Optional<T> value;
            try {
                value = probe.get();
            } catch (RuntimeException e) {
                value = Optional.empty();
            }
            if (value.isEmpty() && System.nanoTime() - lastDot[0] > TimeUnit.SECONDS.toNanos(5)) {
                progress("... waiting for %s (%d s)", what, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                lastDot[0] = System.nanoTime();
            }
            return value;
        }).orElseThrow(() -> new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what));
    }
}
