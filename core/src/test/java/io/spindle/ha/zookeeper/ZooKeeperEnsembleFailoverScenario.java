package io.spindle.ha.zookeeper;

import static org.awaitility.Awaitility.await;

import io.spindle.configuration.Configuration;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.testing.SpindleClusterExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;

/**
 * What the ensemble failover tests share: a 3-node ensemble (one per test class, so each class
 * declares its own), the clients they open, and a first leader. Subclasses lose the server the
 * leader is connected to and assert what the error policy makes of it.
 */
abstract class ZooKeeperEnsembleFailoverScenario {

    final ZooKeeperTestClients clients = new ZooKeeperTestClients();

    /** A 3-node ensemble accepting session timeouts of 2 s to 60 s. */
    static SpindleClusterExtension threeNodeEnsemble() {
        return SpindleClusterExtension.builder()
                .withZooKeeperEnsemble(3)
                .withZooKeeperSessionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60))
                .build();
    }

    /** Client settings for the ensemble: 20 s sessions under {@code root}, plus {@code extra}. */
    static Configuration ensembleConfig(SpindleClusterExtension cluster, String root, Map<String, String> extra) {
        return ZooKeeperTestClients.config(cluster.zooKeeperConnectString(), root, Duration.ofSeconds(20), extra);
    }

    /** Starts an election for {@code contender} on a new client of {@code conf}; returns once it leads. */
    CuratorFramework electFirstLeader(Configuration conf, String name, RecordingContender contender) throws Exception {
        CuratorFramework client = clients.client(conf);
        startElection(client, name, contender);
        await().atMost(Duration.ofSeconds(30)).until(contender::isLeading);
        return client;
    }

    /** Starts an election for {@code contender} on {@code client}, with a 1 s preemption interval. */
    void startElection(CuratorFramework client, String name, RecordingContender contender) throws Exception {
        clients.register(new ZooKeeperLeaderElection(client, name, contender, ParticipantFinishedPredicate.NEVER,
                Duration.ofSeconds(1))).start("", "");
    }

    @AfterEach
    void closeClients() {
        clients.close();
    }
}
