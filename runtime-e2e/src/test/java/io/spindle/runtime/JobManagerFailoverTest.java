package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.jobmanager.JobDetail;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.testing.FailoverCluster;
import io.spindle.runtime.testing.ProcessCluster;
import io.spindle.runtime.testing.SpindleProcess;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two JobManager JVMs and two TaskExecutor JVMs on a real ZooKeeper and MiniDFSCluster. The
 * leading JobManager is killed with SIGKILL (the standby adopts the running tasks; without a
 * recovery timeout it deploys them anew), or paused with SIGSTOP; a TaskExecutor is killed.
 * Each time the counting job must finish with every record exactly once. A job's restart count and
 * the list of ended jobs are the same under the new leader as under the old one.
 */
class JobManagerFailoverTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().withHdfs().build();

    private FailoverCluster fixture;
    private ProcessCluster cluster;
    private String clusterId;

    private static CuratorFramework zk() {
        return CLUSTER.zooKeeperClient();
    }

    @AfterEach
    void stopProcesses() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void startCluster(TestInfo test, int parallelismSlots) throws Exception {
        startCluster(test, parallelismSlots, Map.of());
    }

    private void startCluster(TestInfo test, int parallelismSlots, Map<String, String> extra) throws Exception {
        clusterId = "failover-" + test.getTestMethod().orElseThrow().getName();
        fixture = FailoverCluster.configure(CLUSTER, zk(), clusterId, parallelismSlots, extra).start(2, 2);
        cluster = fixture.processes();
    }

    private String submitCounting(String output, int parallelism) throws Exception {
        return fixture.submitCounting(output, parallelism, 3);
    }

    private long completedCheckpoints(int port, String jobId) {
        return FailoverCluster.completedCheckpoints(port, jobId);
    }

    private JobStatus finishUnderLeader(String jobId, int leaderPort) throws Exception {
        return fixture.finish(leaderPort, jobId);
    }

    private void assertExactlyOnce(String output, int parallelism) throws Exception {
        fixture.assertExactlyOnce(output, parallelism);
    }

    @Test
    void killedLeaderIsReplacedByTheStandbyThatAdoptsTheRunningTasks(TestInfo test) throws Exception {
        startCluster(test, 2);
        String jobId = submitCounting("/out/jm-kill-adopt", 4);
        int oldLeader = cluster.leaderPort();
        await("3 completed checkpoints").atMost(Duration.ofSeconds(60))
                .until(() -> completedCheckpoints(oldLeader, jobId) >= 3);
        JobDetail before = ProcessCluster.rest(oldLeader).job(jobId);
        List<Long> taskExecutorPids = cluster.taskExecutors().stream().map(SpindleProcess::pid).toList();

        cluster.jobManager(oldLeader).kill9();

        int newLeader = awaitTheOtherLeader(oldLeader);
        JobDetail adopted = await("the new leader adopts the job").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ProcessCluster.rest(newLeader).job(jobId), detail -> detail.adoptions() == 1);
        assertThat(adopted.deploymentId()).as("the same deployment keeps running").isEqualTo(before.deploymentId());
        assertThat(adopted.checkpoints()).extracting(c -> c.status()).as(adopted.toString())
                .contains("ADOPTED").doesNotContain("RESTORED");
        await("the new leader completes a checkpoint of the adopted tasks").atMost(Duration.ofSeconds(60))
                .until(() -> completedCheckpoints(newLeader, jobId) >= 1);
        JobStatus status = finishUnderLeader(jobId, newLeader);
        assertThat(status.state()).as(cluster.outputs()).isEqualTo(JobState.FINISHED);
        assertThat(status.restarts()).as("no task restarted").isZero();
        assertExactlyOnce("/out/jm-kill-adopt", 4);
        assertThat(cluster.taskExecutors()).as("the same TaskExecutor processes").allMatch(SpindleProcess::isAlive)
                .extracting(SpindleProcess::pid).containsExactlyElementsOf(taskExecutorPids);
        String taskExecutorLogs = taskExecutorOutputs();
        assertThat(taskExecutorLogs.lines().filter(line -> line.contains("Counting task ") && line.contains(" opened ")))
                .as("each of the 4 tasks opened once, from the start: nothing was computed twice")
                .hasSize(4).allMatch(line -> line.contains("in deployment " + before.deploymentId() + " at record 0 "));
        assertThat(taskExecutorLogs).contains("adopted by leader session");
    }

    @Test
    void withoutARecoveryTimeoutTheTasksAreCancelledAndTheNewLeaderResumesFromTheLatestCheckpoint(TestInfo test)
            throws Exception {
        startCluster(test, 2, Map.of("taskmanager.previous-leader.recovery-timeout", "0 s",
                "jobmanager.adoption.timeout", "2 s"));
        String jobId = submitCounting("/out/jm-kill", 4);
        int oldLeader = cluster.leaderPort();
        await("3 completed checkpoints").atMost(Duration.ofSeconds(60))
                .until(() -> completedCheckpoints(oldLeader, jobId) >= 3);
        JobDetail before = ProcessCluster.rest(oldLeader).job(jobId);
        long lastBeforeKill = before.latestCompletedCheckpointId();

        cluster.jobManager(oldLeader).kill9();

        int newLeader = awaitTheOtherLeader(oldLeader);
        JobDetail recovered = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(
                () -> ProcessCluster.rest(newLeader).job(jobId),
                detail -> detail.checkpoints().stream().anyMatch(c -> c.status().equals("RESTORED")));
        assertThat(recovered.checkpoints()).as("resumed from the latest checkpoint, not from the start")
                .anyMatch(c -> c.status().equals("RESTORED") && c.id() >= lastBeforeKill);
        assertThat(recovered.adoptions()).isZero();
        assertThat(recovered.deploymentId()).as("deployed anew").isNotEqualTo(before.deploymentId());
        JobStatus status = finishUnderLeader(jobId, newLeader);
        assertThat(status.state()).as(cluster.outputs()).isEqualTo(JobState.FINISHED);
        assertExactlyOnce("/out/jm-kill", 4);
    }

    @Test
    void restartCountsAndTheHistoryOfEndedJobsAreTheSameUnderTheNewLeader(TestInfo test) throws Exception {
        startCluster(test, 2);
        int oldLeader = cluster.leaderPort();
        String ended = submitCounting("/out/history-ended", 2);
        assertThat(finishUnderLeader(ended, oldLeader).state()).isEqualTo(JobState.FINISHED);
        String running = fixture.submitCounting("/out/history-running", 2, 3, "--fail-at", "1000");
        long restartedFrom = await("a restart").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ProcessCluster.rest(oldLeader).job(running), detail -> detail.status().restarts() == 1)
                .latestCompletedCheckpointId();
        await("checkpoints of the restarted deployment").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ProcessCluster.rest(oldLeader).job(running).latestCompletedCheckpointId() >= restartedFrom + 2);
        List<JobStatus> endedBefore = ProcessCluster.rest(oldLeader).jobs().stream()
                .filter(job -> job.state().isTerminal()).toList();
        JobDetail before = ProcessCluster.rest(oldLeader).job(running);
        assertThat(before.restores()).as("the restart deployed the tasks from a checkpoint").isEqualTo(1);

        cluster.jobManager(oldLeader).kill9();

        int newLeader = awaitTheOtherLeader(oldLeader);
        JobDetail after = await("the new leader adopts the job").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ProcessCluster.rest(newLeader).job(running), detail -> detail.adoptions() == 1);
        assertThat(after.status().restarts()).as("restarts survive the leader").isEqualTo(1);
        assertThat(after.restores()).isEqualTo(1);
        assertThat(after.deploymentId()).isEqualTo(before.deploymentId());
        assertThat(ProcessCluster.rest(newLeader).jobs().stream().filter(job -> job.state().isTerminal()).toList())
                .as("the ended jobs, as the old leader listed them").isEqualTo(endedBefore);
        assertThat(ProcessCluster.rest(newLeader).job(ended).status()).isEqualTo(endedBefore.get(0));
        JobStatus status = finishUnderLeader(running, newLeader);
        assertThat(status.state()).as(cluster.outputs()).isEqualTo(JobState.FINISHED);
        assertThat(status.restarts()).isEqualTo(1);
        assertExactlyOnce("/out/history-running", 2);
    }

    private int awaitTheOtherLeader(int oldLeader) {
        return fixture.awaitLeaderOtherThan(oldLeader);
    }

    private String taskExecutorOutputs() throws Exception {
        return fixture.taskExecutorOutputs();
    }

    @Test
    void killedTaskExecutorIsNoticedAndTheJobRestartsOnTheOtherOne(TestInfo test) throws Exception {
        startCluster(test, 2);
        int leader = cluster.leaderPort();
        String jobId = submitCounting("/out/te-kill", 2);
        await("2 completed checkpoints").atMost(Duration.ofSeconds(60))
                .until(() -> completedCheckpoints(leader, jobId) >= 2);

        cluster.taskExecutors().get(0).kill9();

        await("TaskExecutor lost").atMost(Duration.ofSeconds(30))
                .until(() -> ProcessCluster.rest(leader).overview().taskExecutors() == 1);
        JobStatus status = finishUnderLeader(jobId, leader);
        assertThat(status.state()).as(cluster.outputs()).isEqualTo(JobState.FINISHED);
        assertThat(status.restarts()).isGreaterThanOrEqualTo(1);
        assertExactlyOnce("/out/te-kill", 2);
    }

    @Test
    void pausedLeaderThatResumesCannotCompleteCheckpointsOrCommandTaskExecutors(TestInfo test) throws Exception {
        // Keep every checkpoint while the job runs, so that one completed by the deposed leader could not be
        // pruned before it is looked for.
        startCluster(test, 2, Map.of("state.checkpoints.num-retained", "100000"));
        String jobId = submitCounting("/out/jm-pause", 4);
        int oldLeader = cluster.leaderPort();
        String oldSession = cluster.leader().orElseThrow().sessionId().toString();
        await("2 completed checkpoints").atMost(Duration.ofSeconds(60))
                .until(() -> completedCheckpoints(oldLeader, jobId) >= 2);
        SpindleProcess paused = cluster.jobManager(oldLeader);
        String deployment = ProcessCluster.rest(oldLeader).job(jobId).deploymentId();

        paused.pause();
        LeaderInfo next = await("the other JobManager leads after the paused one's session expired")
                .atMost(Duration.ofSeconds(60)).until(cluster::leader,
                        info -> info.isPresent() && !info.get().sessionId().toString().equals(oldSession))
                .orElseThrow();
        int newLeader = Integer.parseInt(next.restUrl().substring(next.restUrl().lastIndexOf(':') + 1));
        // The old leader is deposed now (its session expired while it was stopped): what it completed so far is legitimate.
        Set<Long> beforeDeposed = checkpointIdsOf(jobId, oldSession);
        assertThat(beforeDeposed).as("the scan sees the checkpoints the old leader completed before the pause").isNotEmpty();
        JobDetail adopted = await("the new leader adopts the paused one's tasks").atMost(Duration.ofSeconds(60))
                .ignoreExceptions().until(() -> ProcessCluster.rest(newLeader).job(jobId), d -> d.adoptions() == 1);
        assertThat(adopted.deploymentId()).isEqualTo(deployment);
        await("the new leader completes a checkpoint of the adopted job").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> completedCheckpoints(newLeader, jobId) >= 1);
        paused.resume();

        await("the resumed JobManager knows it is not the leader").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> !ProcessCluster.rest(oldLeader).overview().leader());
        assertThat(checkpointIdsOf(jobId, oldSession)).as("no checkpoint completed by the paused leader after it was deposed")
                .isSubsetOf(beforeDeposed);
        JobStatus status = finishUnderLeader(jobId, newLeader);
        assertThat(status.state()).as(cluster.outputs()).isEqualTo(JobState.FINISHED);
        assertThat(status.restarts()).as("the resumed leader stopped no task").isZero();
        assertExactlyOnce("/out/jm-pause", 4);
        assertThat(taskExecutorOutputs().lines().filter(line -> line.contains("Counting task ") && line.contains(" opened ")))
                .as("each task opened once: the resumed leader cancelled or redeployed nothing")
                .hasSize(4).allMatch(line -> line.contains("in deployment " + deployment + " at record 0 "));
        String resumedLog = paused.output();
        assertThat(resumedLog).as("the resumed JobManager saw its leadership end").contains("Leadership revoked");
        assertThat(String.join("", cluster.taskExecutors().get(0).output(), cluster.taskExecutors().get(1).output())
                .lines().filter(line -> line.contains("Following JobManager leader")))
                .as("the TaskExecutors followed a leader other than the paused one")
                .anyMatch(line -> !line.contains(oldSession));
    }

    /** Reads every checkpoint pointer of the job and its metadata: the ids of those completed by {@code session}. */
    private Set<Long> checkpointIdsOf(String jobId, String session) throws Exception {
        String folder = "/spindle/" + clusterId + ZooKeeperLayout.completedCheckpoints(jobId);
        if (zk().checkExists().forPath(folder) == null) {
            return Set.of();
        }
        Set<Long> ids = new TreeSet<>();
        for (String name : zk().getChildren().forPath(folder)) {
            StatePointer pointer;
            try {
                pointer = StatePointer.decode(zk().getData().forPath(folder + "/" + name), name);
            } catch (org.apache.zookeeper.KeeperException.NoNodeException removed) {
                continue; // the job ended meanwhile and its cleanup removed it
            }
            try (FSDataInputStream in = CLUSTER.fileSystem().open(new Path(pointer.path()))) {
                byte[] bytes = new byte[(int) pointer.length()];
                in.readFully(bytes);
                CompletedCheckpoint checkpoint = CompletedCheckpoint.fromBytes(bytes, pointer.path());
                if (checkpoint.leaderSessionId().equals(session)) {
                    ids.add(checkpoint.checkpointId());
                }
            }
        }
        return ids;
    }
}
