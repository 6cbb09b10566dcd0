package io.spindle.ha.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.ha.LeaderSession;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Losing the ZooKeeper server a leader is connected to, in a 3-node ensemble, with suspended connections tolerated. */
class ZooKeeperEnsembleTolerantFailoverTest extends ZooKeeperEnsembleFailoverScenario {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = threeNodeEnsemble();

    @Test
    void leadershipSurvivesTheLossOfTheConnectedServerWhenSuspensionIsTolerated() throws Exception {
        Configuration conf = ensembleConfig(CLUSTER, "/ensemble-tolerant",
                Map.of("high-availability.zookeeper.client.tolerate-suspended-connections", "true"));
        RecordingContender a = new RecordingContender();
        CuratorFramework client = electFirstLeader(conf, "a", a);
        LeaderSession session = a.leading().orElseThrow();

        ZooKeeperTestClients.killConnectedServer(CLUSTER.zooKeeperEnsemble(), client);
        // The client moves to another server within the session timeout; the fenced write proves leadership.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                ZooKeeperLeaderFence.of(session.fence()).commit(List.of(client.transactionOp().create().forPath("/after-loss", new byte[0]))));
        assertThat(a.revokes).isEmpty();
        assertThat(a.grants).containsExactly(session);
    }
}
