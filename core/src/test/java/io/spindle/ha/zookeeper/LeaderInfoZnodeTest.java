package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeadershipLostException;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LeaderInfoZnodeTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private final ZooKeeperTestClients clients = new ZooKeeperTestClients();
    private String clusterId;
    private CuratorFramework client;

    @BeforeEach
    void setUp() throws Exception {
        clusterId = "cluster-" + UUID.randomUUID();
        client = clients.register(TestLeader.client(CLUSTER.zooKeeperConnectString(), clusterId));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    /** Writes a leader node of another ZooKeeper session, as an earlier leader leaves it; @return that session's client */
    private CuratorFramework earlierLeadersNode() throws Exception {
        CuratorFramework earlier = clients.register(TestLeader.client(CLUSTER.zooKeeperConnectString(), clusterId));
        earlier.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                .forPath(ZooKeeperLayout.JOBMANAGER_LEADER, "earlier".getBytes(StandardCharsets.UTF_8));
        return earlier;
    }

    private static LeaderInfo info(String participant) {
        return new LeaderInfo(participant, participant + ":6123", "http://" + participant + ":8081", UUID.randomUUID());
    }

    private Stat leaderNode() throws Exception {
        return client.checkExists().forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
    }

    @Test
    void publishReplacesAnEarlierLeadersNodeWithOneOfItsOwnSession() throws Exception {
        earlierLeadersNode();
        LeaderInfo info = info("b");

        new LeaderInfoZnode(client).publish(info, TestLeader.elect(client).fence());

        assertThat(client.getData().forPath(ZooKeeperLayout.JOBMANAGER_LEADER)).isEqualTo(info.toBytes());
        assertThat(leaderNode().getEphemeralOwner()).isEqualTo(client.getZookeeperClient().getZooKeeper().getSessionId());
    }

    @Test
    void aDeposedLeaderCannotPublish() throws Exception {
        TestLeader leader = TestLeader.elect(client);
        leader.depose();

        assertThatThrownBy(() -> new LeaderInfoZnode(client).publish(info("a"), leader.fence()))
                .isInstanceOf(LeadershipLostException.class);
        assertThat(leaderNode()).isNull();
    }

    @Test
    void removeDeletesOnlyANodeOfItsOwnSession() throws Exception {
        LeaderInfoZnode znode = new LeaderInfoZnode(client);
        ZooKeeperLeaderFence fence = TestLeader.elect(client).fence();
        CuratorFramework earlier = earlierLeadersNode();

        znode.remove(fence);
        assertThat(leaderNode()).isNotNull();

        earlier.delete().forPath(ZooKeeperLayout.JOBMANAGER_LEADER);
        znode.publish(info("a"), fence);
        znode.remove(fence);
        assertThat(leaderNode()).isNull();
    }
}
