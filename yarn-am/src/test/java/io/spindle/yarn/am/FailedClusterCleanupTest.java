package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.ha.LeaderContender;
import io.spindle.ha.LeaderElection;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.ha.zookeeper.ZooKeeperHaServices;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HA data of a FAILED cluster, on a real ZooKeeper and the local file system. */
class FailedClusterCleanupTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    @TempDir
    Path storageDir;

    private static CuratorFramework zk() {
        return CLUSTER.zooKeeperClient();
    }

    private Configuration conf(String clusterId) {
        return Configuration.fromMap(Map.of("high-availability.type", "zookeeper",
                "high-availability.zookeeper.quorum", CLUSTER.zooKeeperConnectString(),
                "high-availability.storageDir", storageDir.toUri().toString(),
                "high-availability.cluster-id", clusterId));
    }

    /** What a JobManager that led and ended before its job existed leaves: empty latch/ and leader/, an empty folder. */
    private Configuration clusterThatLedOnce() throws Exception {
        String clusterId = "application_1_000" + CLUSTERS.incrementAndGet();
        Configuration conf = conf(clusterId);
        StorageDirCheck.check(conf, new org.apache.hadoop.conf.Configuration());
        try (ZooKeeperHaServices ha = ZooKeeperHaServices.create(conf, new org.apache.hadoop.conf.Configuration())) {
            LeaderElection election = ha.leaderElection("appattempt_1_0001_000001", new LeaderContender() {
                @Override
                public void grantLeadership(LeaderSession session) {}

                @Override
                public void revokeLeadership(LeaderSession session) {}
            }, ParticipantFinishedPredicate.NEVER);
            election.start("localhost:1", "http://localhost:2");
            await("leadership").atMost(Duration.ofSeconds(20)).until(() -> election.currentSession().isPresent());
            election.close();
        }
        assertThat(zk().getChildren().forPath("/spindle/" + clusterId)).as("znodes the JobManager left")
                .contains("latch", "leader");
        return conf;
    }

    private static String clusterId(Configuration conf) {
        return conf.get(io.spindle.configuration.HighAvailabilityOptions.CLUSTER_ID);
    }

    @Test
    void aClusterThatNeverStoredAJobLeavesNothing() throws Exception {
        Configuration conf = clusterThatLedOnce();

        FailedClusterCleanup.removeUnlessRecoverable(conf, new org.apache.hadoop.conf.Configuration(), true);

        assertThat(zk().checkExists().forPath("/spindle/" + clusterId(conf))).as("cluster znode").isNull();
        assertThat(storageDir.resolve(clusterId(conf))).doesNotExist();
    }

    @Test
    void aStoredJobGraphPointerKeepsEverything() throws Exception {
        Configuration conf = clusterThatLedOnce();
        zk().create().creatingParentsIfNeeded().forPath("/spindle/" + clusterId(conf) + "/jobgraphs/job-1", "v1".getBytes());

        FailedClusterCleanup.removeUnlessRecoverable(conf, new org.apache.hadoop.conf.Configuration(), true);

        assertThat(zk().checkExists().forPath("/spindle/" + clusterId(conf) + "/jobgraphs/job-1")).isNotNull();
        assertThat(storageDir.resolve(clusterId(conf))).isDirectory();
    }

    @Test
    void aJobResultInStorageDirKeepsEverything() throws Exception {
        Configuration conf = clusterThatLedOnce();
        Path results = Files.createDirectories(storageDir.resolve(clusterId(conf)).resolve("job-results"));
        Files.writeString(results.resolve("job-1.clean"), "FAILED");

        FailedClusterCleanup.removeUnlessRecoverable(conf, new org.apache.hadoop.conf.Configuration(), true);

        assertThat(zk().checkExists().forPath("/spindle/" + clusterId(conf) + "/latch")).isNotNull();
        assertThat(results.resolve("job-1.clean")).exists();
    }

    @Test
    void anOrphanedJarAloneIsNothingToRecover() throws Exception {
        Configuration conf = clusterThatLedOnce();
        Path jars = Files.createDirectories(storageDir.resolve(clusterId(conf)).resolve("jars"));
        Files.writeString(jars.resolve("job.jar"), "PK");

        FailedClusterCleanup.removeUnlessRecoverable(conf, new org.apache.hadoop.conf.Configuration(), true);

        assertThat(zk().checkExists().forPath("/spindle/" + clusterId(conf))).isNull();
        assertThat(storageDir.resolve(clusterId(conf))).doesNotExist();
    }
}
