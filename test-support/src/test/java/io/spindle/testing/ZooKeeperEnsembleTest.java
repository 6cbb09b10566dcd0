package io.spindle.testing;

import static io.spindle.minicluster.ZooKeeperTestClients.bytes;
import static io.spindle.minicluster.ZooKeeperTestClients.connectedClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.curator.framework.CuratorFramework;
import io.spindle.minicluster.EnsembleMember;
import io.spindle.minicluster.ZooKeeperEnsemble;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-server ZooKeeper ensemble through {@link SpindleClusterExtension}: a client survives losing its
 * server, and the killed server comes back on its port with the data. Repeated, on one ensemble, to
 * show that kill and restart can be done again and again.
 */
class ZooKeeperEnsembleTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeperEnsemble(3)
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RepeatedTest(2)
    void clientSurvivesTheLossOfItsServer() throws Exception {
        ZooKeeperEnsemble ensemble = CLUSTER.zooKeeperEnsemble();
        assertThat(ensemble.members()).hasSize(3);
        assertThat(CLUSTER.zooKeeperConnectString().split(",")).hasSize(3);
        String path = "/it/" + UUID.randomUUID();

        try (CuratorFramework client = connectedClient(CLUSTER.zooKeeperConnectString(), 4_000)) {
            client.create().creatingParentsIfNeeded().forPath(path, bytes("v1"));

            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            EnsembleMember connected = ensemble.memberServing(session).orElseThrow();
            connected.stop();

            // Two of three servers keep the quorum; the client moves to one of them.
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                client.setData().forPath(path, bytes("v2"));
                assertThat(client.getData().forPath(path)).asString(StandardCharsets.UTF_8).isEqualTo("v2");
            });
            assertThat(ensemble.memberServing(session)).isPresent().get().isNotSameAs(connected);

            connected.restart();
            try (CuratorFramework direct = connectedClient(connected.connectString(), 4_000)) {
                await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                    direct.sync().forPath(path);
                    assertThat(direct.getData().forPath(path)).asString(StandardCharsets.UTF_8).isEqualTo("v2");
                });
            }
        }
    }
}
