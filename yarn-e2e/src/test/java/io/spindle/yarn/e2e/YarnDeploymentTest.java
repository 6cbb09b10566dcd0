package io.spindle.yarn.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.examples.counting.CountingOutput;
import io.spindle.examples.counting.EmittedLog;
import io.spindle.ha.LeaderInfo;
import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.StartupTimeline;
import io.spindle.runtime.rest.RestClusterClient;
import io.spindle.testing.ClassJars;
import io.spindle.testing.ContainerProcesses;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.YarnApps;
import io.spindle.yarn.client.ClusterHandle;
import io.spindle.yarn.client.JobDescription;
import io.spindle.yarn.client.StartupReport;
import io.spindle.yarn.client.YarnClusterDeployer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spindle on YARN end to end, with the real client, ApplicationMaster, JobManager and TaskExecutor
 * containers on a MiniYARNCluster, MiniDFSCluster and ZooKeeper: sessions, per-job clusters, an
 * AM killed with SIGKILL in the middle of a job or of a session's jobs (attempt 2 adopts the tasks
 * still running: nothing restarted, nothing computed twice), and an application whose attempts run out.
 */
class YarnDeploymentTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = YarnE2eCluster.CLUSTER;

    private static Path jar;
    private final List<ApplicationId> started = new ArrayList<>();
    private final List<String> console = new ArrayList<>();

    @BeforeAll
    static void locateJar() throws Exception {
        jar = ClassJars.jarContaining(CountingJob.class, CLUSTER.workDir());
    }

    @AfterEach
    void endApplications() throws Exception {
        YarnE2eCluster.endApplications(CLUSTER, started);
    }

    private static Map<String, String> values() {
        return YarnE2eCluster.quickRecoveryValues(CLUSTER);
    }

    private YarnClusterDeployer deployer() throws Exception {
        return YarnClusterDeployer.builder(CLUSTER.hadoopConf())
                .containerJavaHome(System.getProperty("java.home"))
                .readyTimeout(Duration.ofSeconds(120))
                .stopTimeout(Duration.ofSeconds(60))
                .console(console::add)
                .build();
    }

    private static List<String> countingArgs(String output, int count) {
        return List.of("--output", CLUSTER.hdfsUri() + output, "--count", Integer.toString(count), "--step-delay-ms", "3");
    }

    private static void assertExactlyOnce(String output, int parallelism, int count) throws Exception {
        CountingOutput.Report report = CountingOutput.verify(CLUSTER.fileSystem(),
                new org.apache.hadoop.fs.Path(output), parallelism, count);
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
    }

    private static boolean haDataExists(ApplicationId app) throws Exception {
        return CLUSTER.zooKeeperClient().checkExists().forPath("/spindle/" + app) != null
                || CLUSTER.fileSystem().exists(new org.apache.hadoop.fs.Path("/spindle/ha/" + app));
    }

    private static boolean stagingExists(ApplicationId app) throws Exception {
        return CLUSTER.fileSystem().exists(new org.apache.hadoop.fs.Path(
                CLUSTER.fileSystem().getHomeDirectory(), ".spindle/" + app));
    }

    private static JobStatus awaitJobEnd(RestClusterClient rest, String jobId) {
        await("job " + jobId + " ends").atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() ->
                rest.jobs().stream().anyMatch(job -> job.jobId().equals(jobId) && job.state().isTerminal()));
        return rest.jobs().stream().filter(job -> job.jobId().equals(jobId)).findFirst().orElseThrow();
    }

    @Test
    void sessionRunsTwoJobsAndStoppingItRemovesStagingAndHaData() throws Exception {
        try (YarnClusterDeployer deployer = deployer()) {
            ClusterHandle session = deployer.deploySession(Configuration.fromMap(values()));
            started.add(session.applicationId());
            // The owner's client, with the credential the deployer kept for the application (as the CLI does).
            RestClusterClient rest = YarnE2eCluster.owner(deployer, session);
            assertThat(rest.overview().clusterId()).as("cluster-id = application id")
                    .isEqualTo(session.applicationId().toString());

            String first = rest.submit(jar, CountingJob.class.getName(), countingArgs("/out/session-1", 300), 2, "one");
            String second = rest.submit(jar, CountingJob.class.getName(), countingArgs("/out/session-2", 300), 2, "two");

            assertThat(awaitJobEnd(rest, first).state()).isEqualTo(JobState.FINISHED);
            assertThat(awaitJobEnd(rest, second).state()).isEqualTo(JobState.FINISHED);
            assertExactlyOnce("/out/session-1", 2, 300);
            assertExactlyOnce("/out/session-2", 2, 300);

            deployer.stop(session.applicationId());
            ApplicationReport report = YarnApps.awaitTerminal(CLUSTER.yarnClient(), session.applicationId(),
                    Duration.ofSeconds(60));
            assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
            assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertThat(stagingExists(session.applicationId())).as("staging dir removed").isFalse();
            assertThat(haDataExists(session.applicationId())).as("HA data removed").isFalse();
        }
    }

    @Test
    void perJobClusterEndsWithItsJob() throws Exception {
        try (YarnClusterDeployer deployer = deployer()) {
            ClusterHandle ok = deployer.deployPerJob(Configuration.fromMap(values()), new JobDescription(jar,
                    CountingJob.class.getName(), countingArgs("/out/per-job", 300), 2, "per-job"));
            started.add(ok.applicationId());
            StartupReport startup = deployer.followStartup(ok, Duration.ofSeconds(60));
            assertThat(startup.steps()).extracting(StartupTimeline.Step::name).contains(
                    StartupTimeline.CONTAINERS_REQUESTED, StartupTimeline.LEADER, StartupTimeline.JOBS_RECOVERED);
            assertThat(startup.sinceSubmission(StartupTimeline.ELECTION_JOINED).orElseThrow())
                    .as("the election is joined before the endpoints are up, the AM registers and asks for containers")
                    .isLessThanOrEqualTo(startup.sinceSubmission(StartupTimeline.ENDPOINTS_UP).orElseThrow())
                    .isLessThanOrEqualTo(startup.sinceSubmission(StartupTimeline.AM_REGISTERED).orElseThrow())
                    .isLessThanOrEqualTo(startup.sinceSubmission(StartupTimeline.CONTAINERS_REQUESTED).orElseThrow());
            assertThat(console).anyMatch(line -> line.startsWith("Startup ") && line.endsWith(" leader"));
            Map<String, String> failing = values();
            failing.put("restart-strategy.fixed-delay.attempts", "1");
            ClusterHandle bad = deployer.deployPerJob(Configuration.fromMap(failing), new JobDescription(jar,
                    CountingJob.class.getName(), List.of("--output", CLUSTER.hdfsUri() + "/out/per-job-fails",
                            "--count", "100", "--fail-always"), 1, "fails"));
            started.add(bad.applicationId());

            ApplicationReport okReport = YarnApps.awaitTerminal(CLUSTER.yarnClient(), ok.applicationId(),
                    Duration.ofSeconds(120));
            ApplicationReport badReport = YarnApps.awaitTerminal(CLUSTER.yarnClient(), bad.applicationId(),
                    Duration.ofSeconds(120));

            assertThat(okReport.getFinalApplicationStatus()).as(okReport.getDiagnostics())
                    .isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertExactlyOnce("/out/per-job", 2, 300);
            assertThat(stagingExists(ok.applicationId())).isFalse();
            assertThat(haDataExists(ok.applicationId())).isFalse();
            assertThat(badReport.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
            assertThat(badReport.getDiagnostics()).contains("InjectedFailureException");
            assertThat(haDataExists(bad.applicationId())).as("HA data of the failed job kept (its result)").isTrue();
        }
    }

    @Test
    void killedApplicationMasterIsReplacedByAttemptTwoWhichAdoptsTheRunningTasks() throws Exception {
        int count = 5000; // about 15 s of records per task: they still run when attempt 2 adopts them
        try (YarnClusterDeployer deployer = deployer()) {
            ClusterHandle handle = deployer.deployPerJob(Configuration.fromMap(failoverValues()), new JobDescription(jar,
                    CountingJob.class.getName(), emittedLogArgs("/out/am-kill", count), 2, "am-kill"));
            ApplicationId app = handle.applicationId();
            started.add(app);
            RestClusterClient rest = YarnE2eCluster.owner(deployer, handle);
            String jobId = await("the job listed").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> rest.jobs().get(0).jobId(), id -> !id.isEmpty());
            JobDetail before = awaitCompletedCheckpoints(rest, jobId, 2);

            Map<ContainerId, Long> taskExecutors = killApplicationMaster(app);
            RestClusterClient rest2 = awaitAttemptTwoLeads(deployer, app);
            assertAdopted(before, awaitAdoption(rest2, jobId));
            assertThat(ContainerProcesses.pids(CLUSTER.yarnCluster(), app))
                    .as("the same TaskExecutor processes, kept across the attempt").containsAllEntriesOf(taskExecutors);
            ApplicationReport report = YarnApps.awaitTerminal(CLUSTER.yarnClient(), app, Duration.ofSeconds(120));

            assertThat(report.getFinalApplicationStatus()).as(report.getDiagnostics())
                    .isEqualTo(FinalApplicationStatus.SUCCEEDED);
            assertExactlyOnceAndNothingReprocessed("/out/am-kill", 2, count);
        }
    }

    @Test
    void sessionWhoseApplicationMasterIsKilledKeepsEveryJobRunningAdoptedByAttemptTwo() throws Exception {
        int jobs = 3;
        int count = 4000;
        try (YarnClusterDeployer deployer = deployer()) {
            ClusterHandle session = deployer.deploySession(Configuration.fromMap(failoverValues()));
            ApplicationId app = session.applicationId();
            started.add(app);
            RestClusterClient rest = YarnE2eCluster.owner(deployer, session);
            List<String> jobIds = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                jobIds.add(rest.submit(jar, CountingJob.class.getName(), emittedLogArgs("/out/am-kill-session-" + i, count),
                        1, "am-kill-" + i));
            }
            List<JobDetail> before = new ArrayList<>();
            for (String jobId : jobIds) {
                before.add(awaitCompletedCheckpoints(rest, jobId, 1));
            }

            Map<ContainerId, Long> taskExecutors = killApplicationMaster(app);
            RestClusterClient rest2 = awaitAttemptTwoLeads(deployer, app);
            for (int i = 0; i < jobs; i++) {
                assertAdopted(before.get(i), awaitAdoption(rest2, jobIds.get(i)));
            }
            assertThat(ContainerProcesses.pids(CLUSTER.yarnCluster(), app))
                    .as("the same TaskExecutor processes, kept across the attempt").containsAllEntriesOf(taskExecutors);
            for (int i = 0; i < jobs; i++) {
                assertThat(awaitJobEnd(rest2, jobIds.get(i)).state()).isEqualTo(JobState.FINISHED);
                assertExactlyOnceAndNothingReprocessed("/out/am-kill-session-" + i, 1, count);
            }
        }
    }

    /** Settings of the AM-kill tests: the ZooKeeper session outlasts the takeover, so attempt 2 must not wait for it. */
    private static Map<String, String> failoverValues() {
        Map<String, String> values = values();
        values.put("high-availability.zookeeper.client.session-timeout", "60 s");
        return values;
    }

    private static List<String> emittedLogArgs(String output, int count) {
        List<String> args = new ArrayList<>(countingArgs(output, count));
        args.add("--emitted-log");
        return args;
    }

    private static JobDetail awaitCompletedCheckpoints(RestClusterClient rest, String jobId, int checkpoints) {
        return await(checkpoints + " completed checkpoints of " + jobId).atMost(Duration.ofSeconds(90))
                .ignoreExceptions().until(() -> rest.job(jobId), detail -> detail.checkpoints().stream()
                        .filter(c -> c.status().equals("COMPLETED")).count() >= checkpoints);
    }

    /** Kills the JVM of attempt 1's AM container with SIGKILL. @return the TaskExecutor containers' pids it leaves */
    private static Map<ContainerId, Long> killApplicationMaster(ApplicationId app) throws Exception {
        ApplicationAttemptId first = CLUSTER.yarnClient().getApplicationReport(app).getCurrentApplicationAttemptId();
        ContainerId amContainer = CLUSTER.yarnClient().getApplicationAttemptReport(first).getAMContainerId();
        Map<ContainerId, Long> taskExecutors = new LinkedHashMap<>(ContainerProcesses.pids(CLUSTER.yarnCluster(), app));
        taskExecutors.remove(amContainer);
        assertThat(taskExecutors).as("TaskExecutor containers of attempt 1").isNotEmpty();
        ContainerProcesses.killJvm(CLUSTER.yarnCluster(), amContainer, Duration.ofSeconds(30));
        return taskExecutors;
    }

    /** Waits until attempt 2 runs and leads, well within the ZooKeeper session timeout. @return the owner's client of it */
    private RestClusterClient awaitAttemptTwoLeads(YarnClusterDeployer deployer, ApplicationId app) throws Exception {
        long killedAt = System.nanoTime();
        YarnApps.awaitAttempt(CLUSTER.yarnClient(), app, 2, Duration.ofSeconds(60),
                org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState.RUNNING);
        LeaderInfo attempt2 = YarnE2eCluster.awaitAttemptLeads(() -> leader(app), 2, Duration.ofSeconds(60));
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt).toSeconds())
                .as("attempt 2 led without waiting for the 60 s ZooKeeper session timeout").isLessThan(45);
        return YarnE2eCluster.owner(deployer, app, attempt2.restUrl());
    }

    /** The job's detail once the new leader has adopted its tasks (read at once: the ADOPTED entry ages out of the history). */
    private static JobDetail awaitAdoption(RestClusterClient rest, String jobId) {
        return await("attempt 2 adopts the tasks of " + jobId).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> rest.job(jobId), detail -> detail.adoptions() > 0);
    }

    /** Adopted once, the same deployment going on: no task redeployed, no state restored, no restart. */
    private static void assertAdopted(JobDetail before, JobDetail after) {
        assertThat(after.adoptions()).as("adoptions").isEqualTo(1);
        assertThat(after.deploymentId()).as("the deployment of attempt 1 goes on").isNotEmpty()
                .isEqualTo(before.deploymentId());
        assertThat(after.checkpoints()).extracting(CheckpointStats::status).as("checkpoints after the failover")
                .contains("ADOPTED").doesNotContain("RESTORED");
        assertThat(after.status().restarts()).as("restarts").isEqualTo(before.status().restarts());
    }

    /** Every record once in the output, and every task emitted each record once: none computed twice. */
    private static void assertExactlyOnceAndNothingReprocessed(String output, int parallelism, int count)
            throws Exception {
        assertExactlyOnce(output, parallelism, count);
        assertThat(EmittedLog.total(CLUSTER.fileSystem(), new org.apache.hadoop.fs.Path(output)))
                .as("records emitted in total (the output holds " + (long) parallelism * count + ")")
                .isEqualTo((long) parallelism * count);
    }

    @Test
    void applicationWhoseAttemptsRunOutFailsAndKeepsItsHaData() throws Exception {
        Map<String, String> values = values();
        values.put("yarn.application-attempts", "1");
        try (YarnClusterDeployer deployer = deployer()) {
            ClusterHandle handle = deployer.deploySession(Configuration.fromMap(values));
            ApplicationId app = handle.applicationId();
            started.add(app);
            ApplicationAttemptId attempt = CLUSTER.yarnClient().getApplicationReport(app).getCurrentApplicationAttemptId();

            ContainerProcesses.killJvm(CLUSTER.yarnCluster(),
                    CLUSTER.yarnClient().getApplicationAttemptReport(attempt).getAMContainerId(), Duration.ofSeconds(30));

            ApplicationReport report = YarnApps.awaitTerminal(CLUSTER.yarnClient(), app, Duration.ofSeconds(60));
            assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
            assertThat(haDataExists(app)).as("HA data kept for inspection").isTrue();
        }
    }

    @Test
    void aUserSetClusterIdLedByAnotherRunningApplicationIsRefused() throws Exception {
        Map<String, String> values = values();
        values.put("high-availability.cluster-id", "shared-cluster-id");
        try (YarnClusterDeployer deployer = deployer()) {
            ClusterHandle first = deployer.deploySession(Configuration.fromMap(values));
            started.add(first.applicationId());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> deployer.deploySession(Configuration.fromMap(values)))
                    .as("the second session's AM refuses the cluster-id before it is ready")
                    .hasMessageContaining("cluster-id 'shared-cluster-id' is led by application " + first.applicationId());
            ApplicationId second = null;
            for (ApplicationReport report : CLUSTER.yarnClient().getApplications()) {
                if (!report.getApplicationId().equals(first.applicationId())
                        && !started.contains(report.getApplicationId())
                        && report.getDiagnostics().contains("shared-cluster-id")) {
                    second = report.getApplicationId();
                }
            }
            assertThat(second).as("an application refused for the shared cluster-id").isNotNull();
            started.add(second);
            ApplicationReport refused = YarnApps.awaitTerminal(CLUSTER.yarnClient(), second, Duration.ofSeconds(60));
            assertThat(refused.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
            assertThat(refused.getDiagnostics()).contains("led by application " + first.applicationId());
            assertThat(new RestClusterClient(first.restUrl()).overview().leader())
                    .as("the first session keeps leading").isTrue();
            deployer.stop(first.applicationId());
        }
    }

    private java.util.Optional<LeaderInfo> leader(ApplicationId app) throws Exception {
        return YarnE2eCluster.leader(CLUSTER.zooKeeperClient(), app);
    }
}
