package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.spindle.configuration.Configuration;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.ha.zookeeper.ZooKeeperLeaderFence;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.entrypoint.TaskExecutorProcess;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.runtime.jobmanager.TaskKey;
import io.spindle.runtime.rpc.Ack;
import io.spindle.runtime.rpc.CheckpointRequest;
import io.spindle.runtime.rpc.HeartbeatRequest;
import io.spindle.runtime.rpc.HeartbeatResponse;
import io.spindle.runtime.rpc.SubmitTaskRequest;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc;
import io.spindle.runtime.rpc.TaskExecutorServiceGrpc.TaskExecutorServiceBlockingStub;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.Path;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a deposed leader can no longer do, checked directly on real components: a TaskExecutor
 * refuses every command of a leader session it does not follow, and a checkpoint cannot be
 * completed under a fence whose latch node is gone (as after the session expired).
 */
class StaleLeaderTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().withHdfs().build();

    private static JobManagerProcess jobManager;
    private static TaskExecutorProcess taskExecutor;
    private static ManagedChannel channel;
    private static TaskExecutorServiceBlockingStub te;
    private static Configuration conf;

    @BeforeAll
    static void start() throws Exception {
        conf = RuntimeConfig.of(RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                CLUSTER.hdfsUri() + "/spindle/ha", "stale-leader"));
        jobManager = JobManagerProcess.start(new JobManagerProcess.Settings(conf, CLUSTER.hadoopConf(), "jm",
                "standalone", ParticipantFinishedPredicate.NEVER, ResourceDriver.STANDALONE, "127.0.0.1", 0, null,
                CLUSTER.workDir().resolve("jm")));
        taskExecutor = TaskExecutorProcess.start(conf, CLUSTER.hadoopConf(), "", CLUSTER.workDir().resolve("te"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jobManager.jobManager().overview().taskExecutors() == 1);
        // A deposed JobManager of the same cluster: it has the cluster's secret, only its session is stale.
        channel = ClusterAuthentication.withSecret(RuntimeConfig.secret(), false).channel(taskExecutor.taskExecutor().id());
        te = TaskExecutorServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        taskExecutor.close();
        jobManager.close();
    }

    private static TaskExecutorServiceBlockingStub deadline() {
        return te.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void taskExecutorRejectsEveryCommandOfAnotherLeaderSession() {
        String current = jobManager.jobManager().overview().leaderSessionId();
        assertThat(current).isNotBlank();
        String stale = UUID.randomUUID().toString();
        TaskKey task = new TaskKey("0123456789abcdef0123456789abcdef", "d1", 0);

        Ack submit = deadline().submitTask(SubmitTaskRequest.newBuilder().setLeaderSessionId(stale)
                .setTask(task.toProto()).setParallelism(1).setEntryClass("x.Y").build());
        Ack trigger = deadline().triggerCheckpoint(CheckpointRequest.newBuilder().setLeaderSessionId(stale)
                .setJobId(task.jobId()).setDeploymentId("d1").setCheckpointId(7).build());
        Ack notify = deadline().notifyCheckpointComplete(CheckpointRequest.newBuilder().setLeaderSessionId(stale)
                .setJobId(task.jobId()).setDeploymentId("d1").setCheckpointId(7).build());

        assertThat(List.of(submit, trigger, notify)).allSatisfy(ack -> {
            assertThat(ack.getAccepted()).isFalse();
            assertThat(ack.getReason()).contains(stale);
        });
        assertThat(deadline().heartbeat(HeartbeatRequest.newBuilder().setLeaderSessionId(stale).build())
                .getKnownLeader()).isFalse();
        HeartbeatResponse answer = deadline().heartbeat(HeartbeatRequest.newBuilder().setLeaderSessionId(current).build());
        assertThat(answer.getKnownLeader()).as("the current leader's heartbeat is answered").isTrue();
        assertThat(answer.getTasksList()).as("no task was started by the stale session").isEmpty();
        assertThat(answer.getFreeSlots()).isEqualTo(2);
    }

    @Test
    void checkpointCannotBeCompletedOnceTheLeadersLatchNodeIsGone() throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(2);
        try (CuratorFramework client = new ZooKeeperClientFactory(conf).startClusterClient();
                ZooKeeperHaServices ha = ZooKeeperHaServices.create(conf, CLUSTER.hadoopConf())) {
            String jobId = "fedcba9876543210fedcba9876543210";
            ClusterStorage storage = ha.storage();
            CompletedCheckpointStore store = new CompletedCheckpointStore(ha, jobId, 1, io);
            // A latch node of another session, as a leader holds it; it leads while the node exists.
            String latchNode = client.create().creatingParentContainersIfNeeded()
                    .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(ZooKeeperLayout.LATCH + "/_c_expired-latch-");
            ZooKeeperLeaderFence expired = new ZooKeeperLeaderFence(client, latchNode, UUID.randomUUID(), () -> { });
            expired.confirmLeadership();
            // ZooKeeper deletes the latch node when the session expires; the fence is what the paused
            // leader holds when it resumes.
            client.delete().forPath(latchNode);
            CompletedCheckpoint checkpoint = new CompletedCheckpoint(jobId, 5, expired.leaderSessionId().toString(),
                    Instant.now(), Instant.now(), List.of(new StatePointer(storage.taskState(jobId) + "/s", 1, 1)), false, "d1");

            assertThatThrownBy(() -> store.add(checkpoint, expired)).isInstanceOf(LeadershipLostException.class);

            String folder = ZooKeeperLayout.completedCheckpoints(jobId);
            assertThat(client.checkExists().forPath(folder) == null || client.getChildren().forPath(folder).isEmpty())
                    .as("no checkpoint pointer").isTrue();
            Path metadataDir = storage.checkpoints(jobId);
            assertThat(!storage.fs().exists(metadataDir) || storage.fs().listStatus(metadataDir).length == 0)
                    .as("no checkpoint metadata file left behind").isTrue();
        } finally {
            io.shutdownNow();
        }
    }
}
