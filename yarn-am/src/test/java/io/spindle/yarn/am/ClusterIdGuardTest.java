package io.spindle.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.HighAvailabilityOptions;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperClientFactory;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.testing.SpindleClusterExtension;
import java.util.Optional;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The guard against a real ZooKeeper; the ResourceManager's answers are fixed by the test. */
class ClusterIdGuardTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static final ApplicationId SELF = ApplicationId.newInstance(1_700_000_000_000L, 2);
    private static final ApplicationId OTHER = ApplicationId.newInstance(1_700_000_000_000L, 1);

    private final FixedResourceManagerReports resourceManager = new FixedResourceManagerReports();
    private String clusterId;
    private CuratorFramework client;

    @BeforeEach
    void connect(TestInfo test) throws Exception {
        clusterId = "shared-" + test.getTestMethod().orElseThrow().getName() + "-" + test.getDisplayName().hashCode();
        Configuration conf = Configuration.empty()
                .withRaw(HighAvailabilityOptions.TYPE.key(), "zookeeper")
                .withRaw(HighAvailabilityOptions.ZOOKEEPER_QUORUM.key(), CLUSTER.zooKeeperConnectString())
                .withRaw(HighAvailabilityOptions.CLUSTER_ID.key(), clusterId);
        client = new ZooKeeperClientFactory(conf).startClusterClient();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private void publishLeader(String participantId) throws Exception {
        client.create().creatingParentsIfNeeded().forPath(ZooKeeperLayout.JOBMANAGER_LEADER,
                new LeaderInfo(participantId, "host:6123", "http://host:8081", UUID.randomUUID()).toBytes());
    }

    private Optional<String> check() throws Exception {
        return ClusterIdGuard.check(client, resourceManager, SELF, clusterId);
    }

    @ParameterizedTest
    @EnumSource(value = YarnApplicationState.class, names = {"NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED", "RUNNING"})
    void refusesAClusterIdLedByAnotherApplicationThatIsStillAlive(YarnApplicationState state) throws Exception {
        publishLeader(ApplicationAttemptId.newInstance(OTHER, 1).toString());
        resourceManager.applications.put(OTHER, state);

        assertThat(check()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("cluster-id '" + clusterId + "'")
                .contains("led by application " + OTHER)
                .contains("still " + state)
                .contains("high-availability.cluster-id"));
    }

    @ParameterizedTest
    @EnumSource(value = YarnApplicationState.class, names = {"FINISHED", "FAILED", "KILLED"})
    void acceptsAClusterIdLedByAnApplicationThatEnded(YarnApplicationState state) throws Exception {
        publishLeader(ApplicationAttemptId.newInstance(OTHER, 2).toString());
        resourceManager.applications.put(OTHER, state);

        assertThat(check()).isEmpty();
        assertThat(resourceManager.questions).isEqualTo(1);
    }

    @Test
    void acceptsAClusterIdLedByAnApplicationTheResourceManagerNoLongerKnows() throws Exception {
        publishLeader(ApplicationAttemptId.newInstance(OTHER, 1).toString());

        assertThat(check()).isEmpty();
        assertThat(resourceManager.questions).isEqualTo(1);
    }

    @Test
    void acceptsAClusterIdWithoutLeader() throws Exception {
        assertThat(check()).isEmpty();
        assertThat(resourceManager.questions).isZero();
    }

    @Test
    void acceptsAClusterIdLedByAnEarlierAttemptOfItself() throws Exception {
        publishLeader(ApplicationAttemptId.newInstance(SELF, 1).toString());
        resourceManager.applications.put(SELF, YarnApplicationState.RUNNING);

        assertThat(check()).isEmpty();
        assertThat(resourceManager.questions).isZero();
    }

    @Test
    void refusesAClusterIdLedByAJobManagerOutsideYarn() throws Exception {
        publishLeader("localhost:8081-1a2b3c4d");

        assertThat(check()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("led by JobManager localhost:8081-1a2b3c4d outside YARN"));
    }
}
