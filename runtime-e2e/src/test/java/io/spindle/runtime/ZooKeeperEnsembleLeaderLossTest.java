package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.examples.counting.CountingOutput;
import io.spindle.minicluster.EnsembleMember;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.testing.CheckpointPointers;
import io.spindle.runtime.testing.ProcessCluster;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.runtime.testing.SpindleProcess;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-node ZooKeeper ensemble loses its quorum leader while a checkpoint is in flight; the other
 * two elect a new one. Two JobManager JVMs and a TaskExecutor JVM keep their ZooKeeper sessions
 * (longer than the ensemble's election) and carry on: checkpoints continue after the new quorum
 * leader is elected, no checkpoint pointer names a missing file, and the job finishes with every
 * record exactly once.
 */
class ZooKeeperEnsembleLeaderLossTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeperEnsemble(3)
            .withZooKeeperSessionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60))
            .withHdfs()
            .build();

    private static final int COUNT = 5000;
    private static final String CLUSTER_ID = "ensemble-leader-loss";

    private CuratorFramework zk;
    private ProcessCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (zk != null) {
            zk.close();
        }
        for (EnsembleMember member : CLUSTER.zooKeeperEnsemble().members()) {
            if (!member.isRunning()) {
                member.restart();
            }
        }
    }

    @Test
    void checkpointsContinueIntactAfterTheQuorumLeaderIsLostMidCheckpoint() throws Exception {
        zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(), new RetryOneTime(100));
        zk.start();
        Map<String, String> values = RuntimeConfig.ridingOutZooKeeperLoss(RuntimeConfig.values(
                CLUSTER.zooKeeperConnectString(), CLUSTER.hdfsUri() + "/spindle/ha", CLUSTER_ID));
        values.put("high-availability.zookeeper.client.session-timeout", "15 s"); // outlasts the ensemble's election
        cluster = new ProcessCluster(CLUSTER.workDir().resolve(CLUSTER_ID), values, CLUSTER.hadoopConfDir(), zk);
        cluster.startJobManager();
        cluster.startJobManager();
        cluster.startTaskExecutor();
        await("a leader with the TaskExecutor").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            int port = cluster.leaderPort();
            return port > 0 && ProcessCluster.rest(port).overview().taskExecutors() == 1;
        });
        int leaderBefore = cluster.leaderPort();
        String jobId = cluster.submitCounting(leaderBefore, CLUSTER.hdfsUri() + "/out/ensemble", COUNT, 3, 2);
        await("2 completed checkpoints").atMost(Duration.ofSeconds(60)).until(() -> ProcessCluster.rest(leaderBefore)
                .job(jobId).checkpoints().stream().filter(c -> c.status().equals("COMPLETED")).count() >= 2);
        CheckpointPointers pointers = new CheckpointPointers(zk, CLUSTER.fileSystem(), CLUSTER_ID, jobId);
        EnsembleMember quorumLeader = CLUSTER.zooKeeperEnsemble().members().stream().filter(EnsembleMember::isLeading)
                .findFirst().orElseThrow();

        await("a checkpoint in flight").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> ProcessCluster.rest(leaderBefore).job(jobId).checkpoints().get(0).status()
                        .equals("IN_PROGRESS"));
        quorumLeader.stop();
        EnsembleMember newLeader = await("the other two members elect a new quorum leader")
                .atMost(Duration.ofSeconds(60)).until(ZooKeeperEnsembleLeaderLossTest::quorumLeader,
                        leader -> leader != null && leader != quorumLeader);
        long newestAtElection = newest(pointers);
        await("checkpoints continue under " + newLeader).atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> newest(pointers) > newestAtElection);
        assertThat(pointers.dangling()).as("pointers naming a missing file").isEmpty();

        int leader = await("a leader").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(cluster::leaderPort, port -> port > 0);
        JobStatus status = cluster.finishJob(leader, jobId, Duration.ofSeconds(90));
        assertThat(status.state()).as(cluster.outputs()).isEqualTo(JobState.FINISHED);
        CountingOutput.Report report = CountingOutput.verify(CLUSTER.fileSystem(), new Path("/out/ensemble"), 2, COUNT);
        assertThat(report.exactlyOnce()).as(report.describe() + "\n" + cluster.outputs()).isTrue();
        for (SpindleProcess jobManager : cluster.jobManagers()) {
            assertThat(jobManager.output()).as("%s found no damaged checkpoint", jobManager)
                    .doesNotContain("cannot be used");
        }
    }

    private static EnsembleMember quorumLeader() {
        return CLUSTER.zooKeeperEnsemble().members().stream().filter(EnsembleMember::isLeading).findFirst()
                .orElse(null);
    }

    private static long newest(CheckpointPointers pointers) throws Exception {
        List<Long> ids = pointers.ids();
        return ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
    }
}
