package io.spindle.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.storage.JobResult;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.checkpoint.CompletedCheckpoint;
import io.spindle.runtime.checkpoint.CompletedCheckpointStore;
import io.spindle.runtime.entrypoint.JobManagerProcess;
import io.spindle.runtime.jobmanager.JobGraph;
import io.spindle.runtime.jobmanager.JobGraphStore;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.jobmanager.ResourceDriver;
import io.spindle.runtime.testing.RuntimeConfig;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader recorded a job's result and then died before the job's cleanup: the next leader
 * finishes that cleanup through the same path a job ending under it takes, so nothing of the job
 * is left in ZooKeeper, its checkpoint id counter included. Real ZooKeeper, local storageDir.
 */
class RecoveredCleanupTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static final String CLUSTER_ID = "recovered-cleanup";
    private static final String JOB = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void aNewLeaderFinishesTheCleanupOfAJobThatEndedAndRemovesItsCheckpointZnodes() throws Exception {
        Map<String, String> values = RuntimeConfig.values(CLUSTER.zooKeeperConnectString(),
                tmp.resolve("ha").toUri().toString(), CLUSTER_ID);
        Configuration conf = RuntimeConfig.of(values);
        org.apache.hadoop.conf.Configuration hadoopConf = new org.apache.hadoop.conf.Configuration();
        ExecutorService io = Executors.newFixedThreadPool(2);
        try (ZooKeeperHaServices ha = ZooKeeperHaServices.create(conf, hadoopConf);
                CuratorFramework zk = CuratorFrameworkFactory.newClient(CLUSTER.zooKeeperConnectString(), new RetryOneTime(100))) {
            zk.start();
            // The first leader: stores a job, completes a checkpoint, records the job's end, then dies.
            AtomicReference<LeaderSession> granted = new AtomicReference<>();
            LeaderElection first = ha.leaderElection("first", new LeaderContender() {
                @Override
                public void grantLeadership(LeaderSession session) {
                    granted.set(session);
                }

                @Override
                public void revokeLeadership(LeaderSession session) {
                }
            }, ParticipantFinishedPredicate.NEVER);
            first.start("", "");
            LeaderSession session = await().atMost(Duration.ofSeconds(20)).until(granted::get, s -> s != null);

            Path localJar = Files.write(tmp.resolve("job.jar"), "not really a jar".getBytes(StandardCharsets.UTF_8));
            JobGraphStore jobGraphs = new JobGraphStore(ha.jobGraphs(io), ha.storage());
            StatePointer jar = jobGraphs.storeJar(JOB, localJar);
            jobGraphs.store(new JobGraph(JOB, "ended", "x.Y", List.of(), 1, jar, Instant.now(), true), session.fence());
            long id = ha.checkpointIdCounter(JOB).getAndIncrement(session.fence());
            org.apache.hadoop.fs.Path state = new org.apache.hadoop.fs.Path(ha.storage().taskState(JOB), "state-0");
            ha.storage().fs().create(state).close();
            new CompletedCheckpointStore(ha, JOB, 1, io).add(new CompletedCheckpoint(JOB, id, session.id().toString(),
                    Instant.now(), Instant.now(), List.of(new StatePointer(ha.storage().fs().makeQualified(state).toString(),
                    0, 0)), true, "d1"), session.fence());
            ha.jobResults().createDirty(new JobResult(JOB, JobResult.Status.SUCCEEDED, "", Instant.now()));
            String checkpointsZnode = "/spindle/" + CLUSTER_ID + ZooKeeperLayout.checkpointsOf(JOB);
            assertThat(zk.checkExists().forPath(checkpointsZnode + "/counter")).as("the job's id counter").isNotNull();
            first.close();

            // The next leader recovers.
            try (JobManagerProcess next = JobManagerProcess.start(new JobManagerProcess.Settings(conf, hadoopConf, "next",
                    "standalone", ParticipantFinishedPredicate.NEVER, ResourceDriver.STANDALONE, "127.0.0.1", 0, null,
                    tmp.resolve("jm")))) {
                await("the job's cleanup finished").atMost(Duration.ofSeconds(30))
                        .until(() -> ha.jobResults().hasCleanResult(JOB));
                assertThat(zk.checkExists().forPath(checkpointsZnode)).as("checkpoints/{job} is gone").isNull();
                assertThat(zk.checkExists().forPath("/spindle/" + CLUSTER_ID + ZooKeeperLayout.JOBGRAPHS + "/" + JOB))
                        .as("the job graph pointer is gone").isNull();
                assertThat(ha.storage().fs().exists(state)).as("the task state file is gone").isFalse();
                assertThat(ha.storage().fs().exists(new org.apache.hadoop.fs.Path(jar.path()))).as("the jar is gone").isFalse();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(next.jobManager().jobs())
                        .as("the ended job is listed from its result, not run again")
                        .extracting(JobStatus::jobId, JobStatus::state).containsExactly(tuple(JOB, JobState.FINISHED)));
            }
        } finally {
            io.shutdownNow();
        }
    }
}
