package io.spindle.bench.yarn;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.TaskManagerOptions;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * The session failover of {@code spindle bench yarn-failover --jobs N}: a session runs N counting
 * jobs of one task each (with {@code --emitted-log}); once every job has completed a checkpoint the
 * session's ApplicationMaster is killed (SIGKILL through the NodeManager), and the scenario measures
 * until attempt 2 has taken every job over (adopted or restored) and completed a checkpoint of each.
 * Then it waits for the jobs to finish and stops the session (kills it when a step fails). Server
 * instants are compared with this client's clock, as in {@link FailoverScenario}. Not thread-safe.
 */
public final class SessionFailoverScenario {

    /**
     * What one session failover measured.
     *
     * @param applicationId the session
     * @param outputs the output folder of each job, in submission order
     * @param attempt2JvmMs kill to attempt 2's JVM start
     * @param attempt2LeaderMs kill to attempt 2 leading
     * @param takeovers what attempt 2 did with each job, in submission order
     * @param allCheckpointingMs kill until every job had a checkpoint completed by attempt 2
     * @param finished whether every job finished (rather than failed or was cancelled)
     */
    public record Result(ApplicationId applicationId, List<String> outputs, long attempt2JvmMs, long attempt2LeaderMs,
            List<JobTakeover> takeovers, long allCheckpointingMs, boolean finished) {

        /** Copies the lists. */
        public Result {
            outputs = List.copyOf(outputs);
            takeovers = List.copyOf(takeovers);
        }

        /** How many jobs attempt 2 adopted (the others it restored). */
        public long adoptedJobs() {
            return takeovers.stream().filter(JobTakeover::adopted).count();
        }
    }

    private final YarnClusterDeployer deployer;
    private final Configuration conf;
    private final Path examplesJar;
    private final Probe probe;

    /**
     * @param deployer a deployer for the cluster to run on
     * @param conf the Spindle configuration (HA keys)
     * @param examplesJar the examples jar (the counting job)
     * @param out where progress goes
     */
    public SessionFailoverScenario(YarnClusterDeployer deployer, Configuration conf, Path examplesJar,
            PrintStream out) {
        this.deployer = deployer;
        this.conf = conf;
        this.examplesJar = examplesJar;
        this.probe = new Probe(out);
    }

    /**
     * Runs the scenario once.
     *
     * @param outputRoot a folder URI below which job {@code i} writes to {@code job-<i>} (must not exist)
     * @param jobs how many jobs, at least 1
     * @param slotsPerTaskExecutor slots of each TaskExecutor of the session
     * @param count records per task: enough that the jobs still run when attempt 2 checkpoints them
     * @param stepDelayMs sleep after each record
     * @throws IllegalStateException if a step does not happen in time
     */
    public Result run(String outputRoot, int jobs, int slotsPerTaskExecutor, int count, int stepDelayMs)
            throws Exception {
        ClusterHandle session = deployer.deploySession(conf.with(TaskManagerOptions.NUMBER_OF_TASK_SLOTS,
                slotsPerTaskExecutor));
        ApplicationId app = session.applicationId();
        try {
            return measure(app, session.restUrl(), outputRoot, jobs, count, stepDelayMs);
        } catch (Exception | Error e) {
            probe.progress("failed (%s); killing session %s", e, app);
            deployer.yarnClient().killApplication(app);
            throw e;
        }
    }

    private Result measure(ApplicationId app, String restUrl, String outputRoot, int jobs, int count, int stepDelayMs)
            throws Exception {
        RestClusterClient rest = ApplicationMasterKill.owner(deployer, app, restUrl);
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < jobs; i++) {
            String output = outputRoot + "/job-" + i;
            outputs.put(rest.submit(examplesJar, FailoverScenario.COUNTING_JOB,
                    FailoverScenario.countingArgs(output, count, stepDelayMs), 1, "failover-" + i), output);
        }
        probe.progress("%d jobs submitted to session %s", jobs, app);
        for (String jobId : outputs.keySet()) {
            probe.await("a completed checkpoint of job " + jobId, Duration.ofMinutes(3),
                    () -> Optional.of(rest.job(jobId)).filter(detail -> detail.latestCompletedCheckpointId() > 0));
        }
        Map<String, JobDetail> before = new LinkedHashMap<>();
        for (String jobId : outputs.keySet()) {
            before.put(jobId, rest.job(jobId));
        }
        probe.progress("every job has completed a checkpoint");

        ApplicationMasterKill kill = ApplicationMasterKill.kill(deployer, app, probe);
        ApplicationMasterKill.NewLeader leader = kill.awaitNewLeader(deployer, conf, probe);
        List<JobTakeover> takeovers = new ArrayList<>();
        for (String jobId : outputs.keySet()) {
            takeovers.add(probe.await("attempt 2 to take job " + jobId + " over and complete a checkpoint",
                    Duration.ofMinutes(3), () -> JobTakeover.read(before.get(jobId), leader.rest().job(jobId))));
        }
        long allCheckpointing = takeovers.stream().mapToLong(t -> kill.since(t.firstCheckpointCompletedAt())).max()
                .orElseThrow();
        long adopted = takeovers.stream().filter(JobTakeover::adopted).count();
        probe.progress("attempt 2 adopted %d and restored %d of %d jobs; all checkpointing %d ms after the kill",
                adopted, jobs - adopted, jobs, allCheckpointing);

        List<JobStatus> ended = probe.await("every job to end", Duration.ofMinutes(10), () -> {
            List<JobStatus> statuses = leader.rest().jobs().stream().filter(s -> outputs.containsKey(s.jobId())).toList();
            return statuses.size() == jobs && statuses.stream().allMatch(s -> s.state().isTerminal())
                    ? Optional.of(statuses) : Optional.empty();
        });
        boolean finished = ended.stream().allMatch(s -> s.state() == JobState.FINISHED);
        probe.progress("every job ended%s; stopping the session", finished ? " FINISHED" : ", not all FINISHED");
        deployer.stop(app);
        return new Result(app, List.copyOf(outputs.values()), kill.since(leader.overview().processStartedAt()),
                kill.since(leader.overview().leaderSince()), takeovers, allCheckpointing, finished);
    }
}
