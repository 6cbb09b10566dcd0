package io.spindle.ha.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.ha.LeaderSession;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Losing the ZooKeeper server a leader is connected to, in a 3-node ensemble, under the default error policy. */
class ZooKeeperEnsembleDefaultFailoverTest extends ZooKeeperEnsembleFailoverScenario {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = threeNodeEnsemble();

    @Test
    void leadershipMovesToANewSessionWhenTheConnectedServerIsLostByDefault() throws Exception {
        Configuration conf = ensembleConfig(CLUSTER, "/ensemble-default", Map.of());
        RecordingContender a = new RecordingContender();
        RecordingContender b = new RecordingContender();
        CuratorFramework client = electFirstLeader(conf, "a", a);
        startElection(clients.client(conf), "b", b);
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
