package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.examples.counting.CountingOutput;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.testing.ProcessCluster;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.runtime.testing.SpindleProcess;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * The whole ZooKeeper stopped mid-job for longer than the session timeout, then started again on
 * the same port with the same data: two JobManager JVMs and two TaskExecutor JVMs ride it out
 * without a person. The job finishes with every record exactly once, the TaskExecutors follow the
 * leader published after the outage, and both JobManagers are back in the election.
 */
class ZooKeeperOutageTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withZooKeeperSessionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60))
            .withHdfs()
            .build();

    private static final int COUNT = 4000;
    private static final String CLUSTER_ID = "zookeeper-outage";

    private CuratorFramework zk;
    private ProcessCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (!CLUSTER.zooKeeperServer().isRunning()) {
            CLUSTER.zooKeeperServer().restart();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void everyProcessRidesOutZooKeeperStoppedForLongerThanTheSessionTimeout() throws Exception {
        zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(), new RetryOneTime(100));
        zk.start();
        Map<String, String> values = RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                CLUSTER.hdfsUri() + "/spindle/ha", CLUSTER_ID);
        RuntimeConfig.ridingOutZooKeeperLoss(values);
        cluster = new ProcessCluster(CLUSTER.workDir().resolve(CLUSTER_ID), values, CLUSTER.hadoopConfDir(), zk);
        int first = cluster.startJobManager();
        int second = cluster.startJobManager();
        cluster.startTaskExecutor();
        cluster.startTaskExecutor();
        await("a leader with 2 TaskExecutors").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            int port = cluster.leaderPort();
            return port > 0 && ProcessCluster.rest(port).overview().taskExecutors() == 2;
        });
        LeaderInfo before = cluster.leader().orElseThrow();
        String jobId = cluster.submitCounting(cluster.leaderPort(), CLUSTER.hdfsUri() + "/out/outage", COUNT, 3, 2);
        int leaderBefore = cluster.leaderPort();
        await("2 completed checkpoints").atMost(Duration.ofSeconds(60)).until(() -> ProcessCluster.rest(leaderBefore)
                .job(jobId).checkpoints().stream().filter(c -> c.status().equals("COMPLETED")).count() >= 2);

        CLUSTER.zooKeeperServer().stop();
        await("both JobManagers gave their ZooKeeper sessions up (the session timeout passed)")
                .atMost(Duration.ofSeconds(60))
                .until(() -> cluster.jobManager(first).output().contains("the ZooKeeper session was lost")
                        && cluster.jobManager(second).output().contains("the ZooKeeper session was lost"));
        CLUSTER.zooKeeperServer().restart();

        LeaderInfo after = await("a leader under a new session").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(cluster::leader, info -> info.isPresent() && !info.get().sessionId().equals(before.sessionId())
                        && ProcessCluster.rest(port(info.get())).overview().leader())
                .orElseThrow();
        int leader = port(after);
        await("both TaskExecutors registered with the new leader").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ProcessCluster.rest(leader).overview().taskExecutors() == 2);
        JobStatus status = cluster.finishJob(leader, jobId, Duration.ofSeconds(90));
        assertThat(status.state()).as(cluster.outputs()).isEqualTo(JobState.FINISHED);
        CountingOutput.Report report = CountingOutput.verify(CLUSTER.fileSystem(), new Path("/out/outage"), 2, COUNT);
        assertThat(report.exactlyOnce()).as(report.describe() + "\n" + cluster.outputs()).isTrue();

        for (SpindleProcess te : cluster.taskExecutors()) {
            assertThat(te.output().lines().filter(line -> line.contains("Following JobManager leader")))
                    .as("%s followed the leader published after the outage", te)
                    .anyMatch(line -> line.contains(after.sessionId().toString()));
        }
        await("both JobManagers are back in the election").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(latchParticipants()).hasSize(2).doesNotHaveDuplicates());
        assertThat(cluster.jobManager(leader).output())
                .as("the leader after the outage resumed the job from a checkpoint, not from the start")
                .containsPattern("Recovered job " + jobId + " \\(counting\\) at checkpoint \\d+");
    }

    private static int port(LeaderInfo info) {
        return Integer.parseInt(info.restUrl().substring(info.restUrl().lastIndexOf(':') + 1));
    }

    private List<String> latchParticipants() throws Exception {
        String latch = "/spindle/" + CLUSTER_ID + ZooKeeperLayout.LATCH;
        List<String> participants = new ArrayList<>();
        for (String child : zk.getChildren().forPath(latch)) {
            participants.add(new String(zk.getData().forPath(latch + "/" + child), StandardCharsets.UTF_8));
        }
        return participants;
    }
}
