package io.spindle.runtime;

import static io.spindle.runtime.testing.FailoverCluster.awaitCompletedCheckpoints;
import static io.spindle.runtime.testing.FailoverCluster.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.testing.FailoverCluster;
import io.spindle.runtime.testing.HookedCountingJob;
import io.spindle.runtime.testing.SpindleProcess;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once around the edges of a JobManager failover with adoption, on separate JVMs, a real
 * ZooKeeper and HDFS: the leader killed while a checkpoint is stored but not yet committed, or
 * triggered but not yet snapshotted ({@link HookedCountingJob} holds task 0 there); a TaskExecutor
 * killed with the leader; a task failing while no leader is known; the TaskExecutors' recovery
 * timeout running out. Four tasks on two TaskExecutors of two slots each.
 */
class FailoverEdgeCasesTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().withHdfs().build();

    private static final int PARALLELISM = 4;
    private FailoverCluster cluster;
    private Path hooks;

    @AfterEach
    void stopProcesses() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private FailoverCluster configure(TestInfo test, Map<String, String> extra) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        cluster = FailoverCluster.configure(CLUSTER, CLUSTER.zooKeeperClient(), "edge-" + name, 2, extra);
        hooks = cluster.processes().hooks();
        return cluster;
    }

    private void mark(String marker) throws Exception {
        Files.writeString(hooks.resolve(marker), "");
    }

    private long awaitHeld(String marker) {
        return await(marker).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> Long.parseLong(Files.readString(hooks.resolve(marker)).strip()), id -> id > 0);
    }

    private JobDetail awaitAdopted(int leader, String jobId) {
        return await("the new leader adopts the job").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> rest(leader).job(jobId), detail -> detail.adoptions() == 1);
    }

    private JobDetail awaitRestored(int leader, String jobId) {
        return await("the new leader deploys the job from a checkpoint").atMost(Duration.ofSeconds(90))
                .ignoreExceptions().until(() -> rest(leader).job(jobId),
                        detail -> detail.checkpoints().stream().anyMatch(c -> c.status().equals("RESTORED")));
    }

    private void awaitTaskExecutorLog(String what, String text, int times) {
        await(what).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> cluster.taskExecutorOutputs().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times);
    }

    private void assertFinishedExactlyOnce(int leader, String jobId, String output) throws Exception {
        JobStatus status = cluster.finish(leader, jobId);
        assertThat(status.state()).as(cluster.processes().outputs()).isEqualTo(JobState.FINISHED);
        cluster.assertExactlyOnce(output, PARALLELISM);
    }

    @Test
    void checkpointStoredButNotCommittedWhenTheLeaderDiesIsCommittedAgainByTheAdoptingLeader(TestInfo test)
            throws Exception {
        configure(test, Map.of()).start(2, 2);
        String output = "/out/edge-notify";
        String jobId = cluster.submitCounting(output, PARALLELISM, 3);
        int oldLeader = cluster.leaderPort();
        awaitCompletedCheckpoints(oldLeader, jobId, 2);
        String deployment = rest(oldLeader).job(jobId).deploymentId();

        mark(HookedCountingJob.HOLD_NOTIFY);
        long held = awaitHeld(HookedCountingJob.NOTIFY_HELD);
        cluster.processes().jobManager(oldLeader).kill9();

        int newLeader = cluster.awaitLeaderOtherThan(oldLeader);
        JobDetail adopted = awaitAdopted(newLeader, jobId);
        assertThat(adopted.deploymentId()).isEqualTo(deployment);
        assertThat(adopted.checkpoints()).as("adopted at the checkpoint stored before the kill, not yet committed")
                .anyMatch(c -> c.status().equals("ADOPTED") && c.id() == held);
        mark(HookedCountingJob.RELEASE);
        awaitTaskExecutorLog("the adopting leader notifies checkpoint " + held + " again",
                "Hooked task 0 notified of checkpoint " + held + "\n", 2);
        assertFinishedExactlyOnce(newLeader, jobId, output);
        assertThat(cluster.finish(newLeader, jobId).restarts()).isZero();
    }

    @Test
    void checkpointTriggeredButNotCompletedWhenTheLeaderDiesIsSupersededByTheAdoptingLeadersCheckpoints(TestInfo test)
            throws Exception {
        configure(test, Map.of()).start(2, 2);
        String output = "/out/edge-snapshot";
        String jobId = cluster.submitCounting(output, PARALLELISM, 3);
        int oldLeader = cluster.leaderPort();
        awaitCompletedCheckpoints(oldLeader, jobId, 2);

        mark(HookedCountingJob.HOLD_SNAPSHOT);
        long held = awaitHeld(HookedCountingJob.SNAPSHOT_HELD);
        cluster.processes().jobManager(oldLeader).kill9();

        int newLeader = cluster.awaitLeaderOtherThan(oldLeader);
        JobDetail adopted = awaitAdopted(newLeader, jobId);
        assertThat(adopted.latestCompletedCheckpointId()).as("the held checkpoint never completed").isLessThan(held);
        mark(HookedCountingJob.RELEASE);
        JobDetail later = await("the adopting leader completes checkpoints").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> rest(newLeader).job(jobId), detail -> detail.checkpoints().stream()
                        .anyMatch(c -> c.status().equals("COMPLETED")));
        assertThat(later.checkpoints()).filteredOn(c -> c.status().equals("COMPLETED")).extracting(CheckpointStats::id)
                .as("ids above the one the old leader triggered").allMatch(id -> id > held);
        assertFinishedExactlyOnce(newLeader, jobId, output);
    }

    @Test
    void taskExecutorKilledWithTheLeaderMakesTheNewLeaderRedeployFromTheLatestCheckpoint(TestInfo test)
            throws Exception {
        configure(test, Map.of("jobmanager.adoption.timeout", "3 s")).start(2, 2);
        String output = "/out/edge-te-lost";
        String jobId = cluster.submitCounting(output, PARALLELISM, 3);
        int oldLeader = cluster.leaderPort();
        awaitCompletedCheckpoints(oldLeader, jobId, 2);
        JobDetail before = rest(oldLeader).job(jobId);

        cluster.processes().taskExecutors().get(0).kill9();
        cluster.processes().jobManager(oldLeader).kill9();
        cluster.processes().startTaskExecutor();

        int newLeader = cluster.awaitLeaderOtherThan(oldLeader);
        JobDetail restored = awaitRestored(newLeader, jobId);
        assertThat(restored.adoptions()).isZero();
        assertThat(restored.deploymentId()).as("deployed anew").isNotEqualTo(before.deploymentId());
        assertThat(restored.checkpoints()).anyMatch(c -> c.status().equals("RESTORED")
                && c.id() >= before.latestCompletedCheckpointId());
        assertFinishedExactlyOnce(newLeader, jobId, output);
    }

    @Test
    void taskFailingWhileNoLeaderIsKnownIsReportedToTheNextLeaderWhichRestartsTheJob(TestInfo test) throws Exception {
        configure(test, Map.of("jobmanager.adoption.timeout", "60 s")).start(1, 2);
        String output = "/out/edge-orphan-failure";
        // Slower steps: task 0 must still be stepping (not finished) when it is told to fail, after the
        // TaskExecutors noticed the kill.
        String jobId = cluster.submitCounting(output, PARALLELISM, 8);
        int oldLeader = cluster.leaderPort();
        awaitCompletedCheckpoints(oldLeader, jobId, 2);
        JobDetail before = rest(oldLeader).job(jobId);

        cluster.processes().jobManager(oldLeader).kill9();
        awaitTaskExecutorLog("every task kept running for a leader to adopt it", "keeps running for up to", PARALLELISM);
        mark(HookedCountingJob.FAIL);
        awaitTaskExecutorLog("task 0 fails with no leader", "Hooked task 0 fails on purpose", 1);
        cluster.processes().startJobManager();

        int newLeader = cluster.awaitLeaderWith(2);
        JobDetail restarted = awaitRestored(newLeader, jobId);
        assertThat(restarted.adoptions()).isZero();
        assertThat(restarted.deploymentId()).isNotEqualTo(before.deploymentId());
        assertThat(restarted.status().restarts()).as("the failure counts as a restart").isEqualTo(1);
        assertThat(restarted.status().failure()).as("the failure is the job's").contains("hooked failure of task 0");
        assertFinishedExactlyOnce(newLeader, jobId, output);
    }

    @Test
    void tasksCancelledWhenTheRecoveryTimeoutRunsOutAreRedeployedByTheNextLeader(TestInfo test) throws Exception {
        configure(test, Map.of("taskmanager.previous-leader.recovery-timeout", "2 s",
                "jobmanager.adoption.timeout", "3 s")).start(1, 2);
        String output = "/out/edge-timeout";
        String jobId = cluster.submitCounting(output, PARALLELISM, 3);
        int oldLeader = cluster.leaderPort();
        awaitCompletedCheckpoints(oldLeader, jobId, 2);
        JobDetail before = rest(oldLeader).job(jobId);

        cluster.processes().jobManager(oldLeader).kill9();
        awaitTaskExecutorLog("the recovery timeout cancels every task", "no leader adopted it within", PARALLELISM);
        assertThat(cluster.processes().taskExecutors()).allMatch(SpindleProcess::isAlive);
        cluster.processes().startJobManager();

        int newLeader = cluster.awaitLeaderWith(2);
        JobDetail restored = awaitRestored(newLeader, jobId);
        assertThat(restored.adoptions()).isZero();
        assertThat(restored.checkpoints()).anyMatch(c -> c.status().equals("RESTORED")
                && c.id() >= before.latestCompletedCheckpointId());
        assertFinishedExactlyOnce(newLeader, jobId, output);
    }
}
