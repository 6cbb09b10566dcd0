package io.spindle.bench.yarn;

import io.spindle.configuration.Configuration;
import io.spindle.runtime.jobmanager.ClusterOverview;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;

/**
 * The failover scenario of the demo and of {@code spindle bench yarn-failover}: a per-job cluster
 * runs the counting job (with {@code --emitted-log}, so that records computed twice can be counted
 * from its output); once it has completed a few checkpoints its ApplicationMaster's JVM is killed
 * (SIGKILL through the NodeManager); YARN starts attempt 2, which preempts attempt 1's leadership,
 * recovers the job from storageDir and adopts its tasks still running on the kept TaskExecutors
 * (or, when it cannot, redeploys them from the latest checkpoint; {@link Timeline#takeover} says which).
 *
 * <p>Server-side instants (JVM start, leadership, adoption, checkpoints) come from the new leader's
 * REST API and are compared with this client's clock: exact on one machine (the local cluster),
 * off by the clock skew otherwise. Not thread-safe.
 */
public final class FailoverScenario {

    /** The counting job's class, in the examples jar. */
    static final String COUNTING_JOB = "io.spindle.examples.counting.CountingJob";

    /**
     * The measured timeline, all relative to the kill (ms), plus the submission figure.
     *
     * @param applicationId the per-job application
     * @param output where the job wrote its output
     * @param submitToRunningMs submission to all tasks running (client clock)
     * @param checkpointBeforeKill the newest completed checkpoint when the AM was killed
     * @param attempt2JvmMs kill to attempt 2's JVM start
     * @param attempt2LeaderMs kill to attempt 2 leading
     * @param takeover what attempt 2 did with the job: adopted or restored, and its first checkpoint
     * @param takeoverMs kill to the adoption (or the redeployment) of the tasks
     * @param checkpointMs kill to the first checkpoint completed by attempt 2
     * @param finalStatus the application's final status
     */
    public record Timeline(ApplicationId applicationId, String output, long submitToRunningMs,
            long checkpointBeforeKill, long attempt2JvmMs, long attempt2LeaderMs, JobTakeover takeover,
            long takeoverMs, long checkpointMs, String finalStatus) {

        /** Whether attempt 2 adopted the running tasks (otherwise it restored them from a checkpoint). */
        public boolean adopted() {
            return takeover.adopted();
        }
    }

    private final YarnClusterDeployer deployer;
    private final Configuration conf;
    private final Path examplesJar;
    private final Probe probe;
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
        this.probe = new Probe(out);
    }

    /**
     * Runs {@code action} with the dashboard's URL once attempt 2 has taken the job over, while the
     * application still runs (the demo takes its screenshot then).
     *
     * @return this scenario
     */
    public FailoverScenario afterRecovery(Consumer<String> action) {
        this.afterRecovery = Objects.requireNonNull(action);
        return this;
    }

    /** The counting job's arguments: {@code count} records per task, {@code stepDelayMs} after each, emitted log on. */
    static List<String> countingArgs(String output, int count, int stepDelayMs) {
        return List.of("--output", output, "--count", Integer.toString(count), "--step-delay-ms",
                Integer.toString(stepDelayMs), "--emitted-log");
    }

    /**
     * Runs the scenario once.
     *
     * @param output the job's output folder URI (must not exist)
     * @param count records per task (2 ms each: enough that the tasks still run when attempt 2 checkpoints)
     * @param parallelism tasks
     * @param checkpointsBeforeKill completed checkpoints to wait for before the kill
     * @throws IllegalStateException if a step does not happen in time
     */
    public Timeline run(String output, int count, int parallelism, int checkpointsBeforeKill) throws Exception {
        long submitted = System.nanoTime();
        ClusterHandle handle = deployer.deployPerJob(conf, new JobDescription(examplesJar, COUNTING_JOB,
                countingArgs(output, count, 2), parallelism, "failover-demo"));
        ApplicationId app = handle.applicationId();
        String dashboard = DashboardUrl.of(deployer.report(app), deployer.yarnClient().getConfig());
        probe.progress("dashboard: %s", dashboard);
        deployer.followStartup(handle, Duration.ofMinutes(3)); // prints the start steps until the tasks run
        RestClusterClient rest = ApplicationMasterKill.owner(deployer, app, handle.restUrl());
        String jobId = probe.await("the job's tasks running", Duration.ofMinutes(3), () -> rest.jobs().stream()
                .filter(job -> job.runningSince() != null).map(JobStatus::jobId).findFirst());
        long submitToRunning = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted);
        probe.progress("job %s running on %d tasks, %d ms after submission", jobId, parallelism, submitToRunning);

        JobDetail before = probe.await(checkpointsBeforeKill + " completed checkpoints", Duration.ofMinutes(2), () ->
                Optional.of(rest.job(jobId)).filter(detail -> detail.checkpoints().stream()
                        .filter(c -> c.status().equals("COMPLETED")).count() >= checkpointsBeforeKill));
        probe.progress("checkpoint %d complete, tasks of deployment %s", before.latestCompletedCheckpointId(),
                before.deploymentId());
        ApplicationMasterKill kill = ApplicationMasterKill.kill(deployer, app, probe);
        ApplicationMasterKill.NewLeader leader = kill.awaitNewLeader(deployer, conf, probe);
        JobTakeover takeover = probe.await("attempt 2 to take the tasks over and complete a checkpoint",
                Duration.ofMinutes(3), () -> JobTakeover.read(before, leader.rest().job(jobId)));
        probe.progress("attempt 2 leads and %s", describe(takeover));
        afterRecovery.accept(dashboard);

        Optional<ApplicationReport> end = deployer.awaitTermination(app, Duration.ofMinutes(5));
        String status = end.map(r -> r.getFinalApplicationStatus().toString()).orElse("still running");
        probe.progress("application %s ended: %s", app, status);
        ClusterOverview overview = leader.overview();
        return new Timeline(app, output, submitToRunning, before.latestCompletedCheckpointId(),
                kill.since(overview.processStartedAt()), kill.since(overview.leaderSince()), takeover,
                kill.since(takeover.takenOverAt()), kill.since(takeover.firstCheckpointCompletedAt()), status);
    }

    /** E.g. "adopted the running tasks of job ... at checkpoint 3 (0 tasks restarted); its checkpoint 5 completed". */
    static String describe(JobTakeover takeover) {
        String what = takeover.adopted() ? "adopted the running tasks of job " + takeover.jobId() + " at checkpoint "
                : "restored job " + takeover.jobId() + " from checkpoint ";
        return what + takeover.takeoverCheckpointId() + " (" + takeover.taskRestarts() + " tasks restarted); its checkpoint "
                + takeover.firstCheckpointId() + " completed";
    }
}
