package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderSession;
import io.spindle.configuration.Configuration;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Losing the ZooKeeper server a leader is connected to, in a 3-node ensemble, with suspended connections tolerated. */
class ZooKeeperEnsembleTolerantFailoverTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeperEnsemble(3)
            .withZooKeeperSessionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60))
            .build();

    private final ZooKeeperTestClients clients = new ZooKeeperTestClients();

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void leadershipSurvivesTheLossOfTheConnectedServerWhenSuspensionIsTolerated() throws Exception {
        Configuration conf = ZooKeeperTestClients.config(CLUSTER.zooKeeperConnectString(), "/ensemble-tolerant",
                Duration.ofSeconds(20), Map.of("high-availability.zookeeper.client.tolerate-suspended-connections", "true"));
        CuratorFramework client = clients.client(conf);
        RecordingContender a = new RecordingContender();
        clients.register(new ZooKeeperLeaderElection(client, "a", a, ParticipantFinishedPredicate.NEVER, Duration.ofSeconds(1)))
                .start("", "");
        await().atMost(Duration.ofSeconds(30)).until(a::isLeading);
        LeaderSession session = a.leading().orElseThrow();

        ZooKeeperTestClients.killConnectedServer(CLUSTER.zooKeeperEnsemble(), client);
        // The client moves to another server within the session timeout; the fenced write proves leadership.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                ZooKeeperLeaderFence.of(session.fence()).commit(List.of(client.transactionOp().create().forPath("/after-loss", new byte[0]))));
        assertThat(a.revokes).isEmpty();
        assertThat(a.grants).containsExactly(session);
    }
}
