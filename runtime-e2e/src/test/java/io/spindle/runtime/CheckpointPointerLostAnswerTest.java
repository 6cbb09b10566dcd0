package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.examples.counting.CountingOutput;
import io.spindle.runtime.jobmanager.CheckpointStats;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.testing.CheckpointPointers;
import io.spindle.runtime.testing.ProcessCluster;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.runtime.testing.SpindleProcess;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.zookeeper.CuttingProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leader's fenced write of a checkpoint pointer loses its answer, deterministically: a
 * {@link CuttingProxy} between the leading JobManager and ZooKeeper forwards the write to the
 * server (applied) or drops it (not applied), then lets nothing through until the leader's session
 * has expired. A standby JobManager and the TaskExecutor reach ZooKeeper directly; the standby
 * takes over and must resume the job from the newest checkpoint whose pointer exists. Once the
 * old leader reaches ZooKeeper again and settles the write's outcome, no pointer names a missing
 * file, and the job finishes with every record exactly once.
 */
class CheckpointPointerLostAnswerTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withZooKeeperSessionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60))
            .withHdfs()
            .build();

    private static final int COUNT = 4000;

    private CuratorFramework zk;
    private CuttingProxy proxy;
    private ProcessCluster viaProxy;
    private ProcessCluster direct;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {direct, viaProxy, proxy, zk}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void appliedPointerWriteWhoseAnswerWasLostIsKeptAndTheJobResumesFromIt() throws Exception {
        scenario("lost-answer-applied", true);
    }

    @Test
    void droppedPointerWriteLeavesNoPointerAndTheJobResumesFromTheCheckpointBefore() throws Exception {
        scenario("lost-answer-dropped", false);
    }

    private void scenario(String clusterId, boolean applied) throws Exception {
        zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(), new RetryOneTime(100));
        zk.start();
        proxy = CuttingProxy.start(CLUSTER.zooKeeperServer().port());
        Map<String, String> values = RuntimeConfig.ridingOutZooKeeperLoss(RuntimeConfig.values(
                proxy.connectString(), CLUSTER.hdfsUri() + "/spindle/ha", clusterId));
        values.put("state.checkpoints.num-retained", "1000"); // the pointer in question stays for the test to see
        Map<String, String> directValues = new LinkedHashMap<>(values);
        directValues.put("high-availability.zookeeper.quorum", CLUSTER.zooKeeperConnectString());
        java.nio.file.Path dir = CLUSTER.workDir().resolve(clusterId);
        viaProxy = new ProcessCluster(dir.resolve("via-proxy"), values, CLUSTER.hadoopConfDir(), zk);
        direct = new ProcessCluster(dir.resolve("direct"), directValues, CLUSTER.hadoopConfDir(), zk);

        int first = viaProxy.startJobManager();
        await("the JobManager behind the proxy leads").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> viaProxy.leaderPort() == first);
        int second = direct.startJobManager();
        direct.startTaskExecutor();
        await("the TaskExecutor registered").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> ProcessCluster.rest(first).overview().taskExecutors() == 1);
        String output = "/out/" + clusterId;
        String jobId = viaProxy.submitCounting(first, CLUSTER.hdfsUri() + output, COUNT, 3, 2);
        await("2 completed checkpoints").atMost(Duration.ofSeconds(60)).until(() -> ProcessCluster.rest(first)
                .job(jobId).checkpoints().stream().filter(c -> c.status().equals("COMPLETED")).count() >= 2);
        CheckpointPointers pointers = new CheckpointPointers(zk, CLUSTER.fileSystem(), clusterId, jobId);

        // One checkpoint at a time: the newest listed id + 1 may be reserved already, + 2 is not.
        long target = ProcessCluster.rest(first).job(jobId).checkpoints().stream()
                .mapToLong(CheckpointStats::id).max().orElseThrow() + 2;
        CompletableFuture<Void> intercepted = proxy.cutOnRequestContaining(
                ("/completed/" + CheckpointPointers.name(target)).getBytes(StandardCharsets.UTF_8), applied);
        intercepted.get(30, TimeUnit.SECONDS);
        if (applied) {
            await("the server applied the pointer write").atMost(Duration.ofSeconds(20))
                    .until(() -> pointers.ids().contains(target));
        }
        proxy.refuse(true); // the leader hears nothing more until its session has expired
        List<Long> stored = pointers.ids(); // nobody else writes while the leader is cut off
        assertThat(stored.contains(target)).as("pointer of checkpoint %d stored: %s", target, stored)
                .isEqualTo(applied);
        long expected = stored.get(stored.size() - 1);

        await("the standby leads and recovers the job").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> direct.leaderPort() == second
                        && ProcessCluster.recoveredCheckpoint(direct.jobManager(second), jobId).isPresent());
        assertThat(ProcessCluster.recoveredCheckpoint(direct.jobManager(second), jobId).getAsLong())
                .as("the standby resumed from the newest checkpoint whose pointer exists").isEqualTo(expected);

        proxy.refuse(false);
        String settled = ".*checkpoint " + target + " (complete in|not completed|could not be stored).*";
        String outcome = await("the old leader settled the write's outcome").atMost(Duration.ofSeconds(60))
                .until(() -> viaProxy.jobManager(first).output().lines().filter(l -> l.matches(settled))
                        .findFirst().orElse(null), line -> line != null);
        assertThat(pointers.dangling()).as("pointers naming a missing file").isEmpty();
        assertThat(outcome.contains("complete in")).as("the old leader's verdict on checkpoint %d: %s", target, outcome)
                .isEqualTo(applied);
        assertThat(pointers.ids().contains(target)).as("pointer of checkpoint %d after the outcome was settled",
                target).isEqualTo(applied);

        JobStatus status = viaProxy.finishJob(second, jobId, Duration.ofSeconds(90));
        assertThat(status.state()).as(viaProxy.outputs() + direct.outputs()).isEqualTo(JobState.FINISHED);
        CountingOutput.Report report = CountingOutput.verify(CLUSTER.fileSystem(), new Path(output), 2, COUNT);
        assertThat(report.exactlyOnce()).as(report.describe()).isTrue();
        for (SpindleProcess jobManager : List.of(viaProxy.jobManager(first), direct.jobManager(second))) {
            assertThat(jobManager.output()).as("%s found no damaged checkpoint", jobManager)
                    .doesNotContain("cannot be used");
        }
    }
}
