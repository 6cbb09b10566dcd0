package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.examples.counting.CountingJob;
import io.spindle.examples.counting.CountingOutput;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.entrypoint.TaskExecutorProcess;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.JobSubmission;
import io.spindle.runtime.jobmanager.JobSubmissionException;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.runtime.testing.ExamplesJar;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One JobManager and two TaskExecutors in this JVM, on a real ZooKeeper and MiniDFSCluster: jobs
 * run with checkpoints, restart after task failures, fail for good when attempts run out, and bad
 * submissions store nothing.
 */
class JobExecutionTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().withHdfs().build();

    private static final String CLUSTER_ID = "job-execution";
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static JobManagerProcess jobManager;
    private static Path examplesJar;
    private static CuratorFramework zk;

    @BeforeAll
    static void startCluster() throws Exception {
        Map<String, String> values = RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                CLUSTER.hdfsUri() + "/spindle/ha", CLUSTER_ID);
        values.put("restart-strategy.fixed-delay.attempts", "2");
        Configuration conf = RuntimeConfig.of(values);
        Path work = CLUSTER.workDir();
        jobManager = JobManagerProcess.start(new JobManagerProcess.Settings(conf, CLUSTER.hadoopConf(), "jm-1",
                "standalone", ParticipantFinishedPredicate.NEVER, ResourceDriver.STANDALONE, "127.0.0.1", 0, null,
                work.resolve("jm")));
        CLOSE.add(jobManager);
        for (int i = 0; i < 2; i++) {
            CLOSE.add(TaskExecutorProcess.start(conf, CLUSTER.hadoopConf(), "", work.resolve("te-" + i)));
        }
        examplesJar = ExamplesJar.locate(work);
        zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(), new RetryOneTime(100));
        zk.start();
        CLOSE.add(zk);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobManager.jobManager().overview().slotsTotal() == 4);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
    }

    private static JobSubmission counting(String output, int parallelism, String... extra) {
        List<String> args = new ArrayList<>(ExamplesJar.countingArgs(CLUSTER.hdfsUri() + output, 400, 2));
        args.addAll(List.of(extra));
        return new JobSubmission("counting", examplesJar, CountingJob.class.getName(), args, parallelism);
    }

    private static JobStatus awaitEnd(String jobId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> jobManager.jobManager().job(jobId)
                .map(detail -> detail.status().state().isTerminal()).orElse(false));
        return jobManager.jobManager().job(jobId).orElseThrow().status();
    }

    @Test
    void countingJobFinishesWithCheckpointsAndExactlyOnceOutput() throws Exception {
        String jobId = jobManager.jobManager().submit(counting("/out/plain", 4)).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> jobManager.jobManager().job(jobId)
                .map(JobDetail::latestCompletedCheckpointId).orElse(0L) >= 2
                || jobManager.jobManager().job(jobId).map(d -> d.status().state().isTerminal()).orElse(false));

        JobStatus status = awaitEnd(jobId);

        assertThat(status.state()).isEqualTo(JobState.FINISHED);
        CountingOutput.Report report = CountingOutput.verify(CLUSTER.fileSystem(),
                new org.apache.hadoop.fs.Path("/out/plain"), 4, 400);
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
        await("job graph pointer and checkpoints removed at the end").atMost(Duration.ofSeconds(30)).until(() ->
                zk.checkExists().forPath("/spindle/" + CLUSTER_ID + ZooKeeperLayout.JOBGRAPHS + "/" + jobId) == null
                        && zk.checkExists().forPath("/spindle/" + CLUSTER_ID + ZooKeeperLayout.checkpointsOf(jobId)) == null);
        assertThat(CLUSTER.fileSystem().listStatus(new org.apache.hadoop.fs.Path("/spindle/ha/" + CLUSTER_ID
                + "/job-results"))).as("job result recorded")
                .anyMatch(file -> file.getPath().getName().contains(jobId));
    }

    @Test
    void aFailingTaskRestartsTheJobFromItsLatestCheckpoint() throws Exception {
        String jobId = jobManager.jobManager().submit(counting("/out/fail-once", 2, "--fail-at", "250")).get();

        JobStatus status = awaitEnd(jobId);

        assertThat(status.state()).isEqualTo(JobState.FINISHED);
        assertThat(status.restarts()).isEqualTo(1);
        CountingOutput.Report report = CountingOutput.verify(CLUSTER.fileSystem(),
                new org.apache.hadoop.fs.Path("/out/fail-once"), 2, 400);
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
    }

    @Test
    void aJobThatKeepsFailingFailsForGoodWithTheTaskException() throws Exception {
        String jobId = jobManager.jobManager().submit(counting("/out/fail-always", 1, "--fail-always")).get();

        JobStatus status = awaitEnd(jobId);

        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.restarts()).isEqualTo(2);
        assertThat(status.failure()).contains("InjectedFailureException");
    }

    @Test
    void cancelThroughTheRestApiEndsTheJobCanceledAndRemovesItsData() throws Exception {
        io.spindle.runtime.rest.RestClusterClient rest =
                new io.spindle.runtime.rest.RestClusterClient("http://127.0.0.1:" + jobManager.restPort())
                        .withCredential(RuntimeConfig.secret());
        String jobId = rest.submit(examplesJar, CountingJob.class.getName(), List.of("--output",
                CLUSTER.hdfsUri() + "/out/cancelled", "--count", "1000000", "--step-delay-ms", "5"), 2, "long");
        await("a checkpoint of the long job").atMost(Duration.ofSeconds(60))
                .until(() -> rest.job(jobId).latestCompletedCheckpointId() > 0);

        JobStatus cancelled = rest.cancel(jobId);

        assertThat(cancelled.state()).isEqualTo(JobState.CANCELED);
        assertThat(rest.jobs()).anyMatch(job -> job.jobId().equals(jobId) && job.state() == JobState.CANCELED);
        await("its job graph and checkpoints removed").atMost(Duration.ofSeconds(30)).until(() ->
                zk.checkExists().forPath("/spindle/" + CLUSTER_ID + ZooKeeperLayout.JOBGRAPHS + "/" + jobId) == null
                        && zk.checkExists().forPath("/spindle/" + CLUSTER_ID + ZooKeeperLayout.checkpointsOf(jobId)) == null);
        await("its slots free again").atMost(Duration.ofSeconds(30))
                .until(() -> jobManager.jobManager().overview().slotsFree() == 4);
    }

    @Test
    void badSubmissionsAreRefusedAndStoreNothing() throws Exception {
        FileSystem fs = CLUSTER.fileSystem();
        org.apache.hadoop.fs.Path jars = new org.apache.hadoop.fs.Path("/spindle/ha/" + CLUSTER_ID + "/jars");
        List<String> jarsBefore = names(fs, jars);
        List<String> graphsBefore = graphs();
        Path notAJar = Files.writeString(CLUSTER.workDir().resolve("not-a.jar"), "hello");

        assertThatThrownBy(() -> jobManager.jobManager().submit(new JobSubmission("x", examplesJar,
                "no.such.Job", List.of(), 1))).isInstanceOf(JobSubmissionException.class)
                .hasMessageContaining("no.such.Job not found");
        assertThatThrownBy(() -> jobManager.jobManager().submit(new JobSubmission("x", examplesJar,
                "io.spindle.examples.counting.CountingArgs", List.of(), 1)))
                .isInstanceOf(JobSubmissionException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> jobManager.jobManager().submit(counting("/out/too-wide", 9)))
                .isInstanceOf(JobSubmissionException.class).hasMessageContaining("free slots");
        assertThatThrownBy(() -> jobManager.jobManager().submit(new JobSubmission("x", examplesJar,
                CountingJob.class.getName(), List.of("--count", "3"), 1)))
                .isInstanceOf(JobSubmissionException.class).hasMessageContaining("--output");
        assertThatThrownBy(() -> jobManager.jobManager().submit(new JobSubmission("x", notAJar,
                CountingJob.class.getName(), List.of(), 1)))
                .isInstanceOf(JobSubmissionException.class).hasMessageContaining("not a valid jar");

        assertThat(names(fs, jars)).isSubsetOf(jarsBefore);
        assertThat(graphs()).isSubsetOf(graphsBefore);
    }

    private static List<String> names(FileSystem fs, org.apache.hadoop.fs.Path dir) throws Exception {
        List<String> names = new ArrayList<>();
        if (fs.exists(dir)) {
            for (org.apache.hadoop.fs.FileStatus status : fs.listStatus(dir)) {
                names.add(status.getPath().getName());
            }
        }
        return names;
    }

    private static List<String> graphs() throws Exception {
        String path = "/spindle/" + CLUSTER_ID + ZooKeeperLayout.JOBGRAPHS;
        return zk.checkExists().forPath(path) == null ? List.of() : zk.getChildren().forPath(path);
    }
}
