package io.spindle.testing;

import static io.spindle.minicluster.ZooKeeperTestClients.bytes;
import static io.spindle.minicluster.ZooKeeperTestClients.connectedClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import io.spindle.minicluster.EmbeddedZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A single ZooKeeper server through {@link SpindleClusterExtension}: restart, short sessions. (That a
 * server which cannot start throws instead of exiting the JVM is tested in mini-cluster's
 * {@code EmbeddedZooKeeperTest}.)
 */
class ZooKeeperServerTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withZooKeeperTickTime(Duration.ofMillis(200))
            .withZooKeeperSessionTimeouts(Duration.ofMillis(400), Duration.ofSeconds(30))
            .build();

    @Test
    void serverRestartsOnItsPortWithItsData() throws Exception {
        EmbeddedZooKeeper server = CLUSTER.zooKeeperServer();
        try (CuratorFramework client = connectedClient(CLUSTER.zooKeeperConnectString(), 20_000)) {
            client.create().forPath("/kept", bytes("data"));
            int port = server.port();

            server.stop();
            server.restart();

            assertThat(server.port()).isEqualTo(port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.getData().forPath("/kept")).asString(StandardCharsets.UTF_8).isEqualTo("data"));
        }
    }

    @Test
    void shortSessionTimeoutsAreAccepted() throws Exception {
        try (CuratorFramework client = connectedClient(CLUSTER.zooKeeperConnectString(), 500)) {
            assertThat(client.getZookeeperClient().getZooKeeper().getSessionTimeout()).isEqualTo(500);
        }
    }
}
