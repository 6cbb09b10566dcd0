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

/** Losing the ZooKeeper server a leader is connected to, in a 3-node ensemble, under the default error policy. */
class ZooKeeperEnsembleDefaultFailoverTest {

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
    void leadershipMovesToANewSessionWhenTheConnectedServerIsLostByDefault() throws Exception {
        Configuration conf = ZooKeeperTestClients.config(CLUSTER.zooKeeperConnectString(), "/ensemble-default",
                Duration.ofSeconds(20), Map.of());
        CuratorFramework client = clients.client(conf);
        RecordingContender a = new RecordingContender();
        RecordingContender b = new RecordingContender();
        clients.register(new ZooKeeperLeaderElection(client, "a", a, ParticipantFinishedPredicate.NEVER, Duration.ofSeconds(1)))
                .start("", "");
        await().atMost(Duration.ofSeconds(30)).until(a::isLeading);
        clients.register(new ZooKeeperLeaderElection(clients.client(conf), "b", b, ParticipantFinishedPredicate.NEVER,
                Duration.ofSeconds(1))).start("", "");
        LeaderSession first = a.leading().orElseThrow();

        ZooKeeperTestClients.killConnectedServer(CLUSTER.zooKeeperEnsemble(), client);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.revokes.contains(first));
        assertThat(first.isValid()).isFalse();
        // Somebody leads again under a fresh session id: a (its latch node survived) or b.
        await().atMost(Duration.ofSeconds(30)).until(() -> a.leading().or(b::leading)
                .filter(s -> !s.id().equals(first.id())).isPresent());
        assertThat(a.isLeading() && b.isLeading()).isFalse();
    }
}
