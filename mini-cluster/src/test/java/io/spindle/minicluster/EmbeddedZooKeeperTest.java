package io.spindle.minicluster;

import static io.spindle.minicluster.ZooKeeperTestClients.bytes;
import static io.spindle.minicluster.ZooKeeperTestClients.connectedClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {

    @TempDir
    Path dir;

    @Test
    void restartsOnItsPortWithItsData() throws Exception {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dir.resolve("zk"));
             CuratorFramework client = connectedClient(server.connectString(), 20_000)) {
            client.create().forPath("/kept", bytes("data"));
            int port = server.port();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.restart();

            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.getData().forPath("/kept")).asString(StandardCharsets.UTF_8).isEqualTo("data"));
        }
    }

    @Test
    void grantsSessionsWithinTheConfiguredBounds() throws Exception {
        ZooKeeperSettings settings = ZooKeeperSettings.defaults()
                .withTickTime(Duration.ofMillis(200))
                .withSessionTimeouts(Duration.ofMillis(400), Duration.ofSeconds(30));
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dir.resolve("zk"), 0, settings);
             CuratorFramework shortSession = connectedClient(server.connectString(), 500);
             CuratorFramework longSession = connectedClient(server.connectString(), 90_000)) {
            assertThat(shortSession.getZookeeperClient().getZooKeeper().getSessionTimeout()).isEqualTo(500);
            assertThat(longSession.getZookeeperClient().getZooKeeper().getSessionTimeout()).isEqualTo(30_000);
        }
    }

    @Test
    void aTakenPortIsABindExceptionNotAnExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedZooKeeper.start(dir.resolve("zk"), taken.getLocalPort(),
                    ZooKeeperSettings.defaults()))
                    .isInstanceOf(BindException.class);
        }
        // Still here: the JVM did not exit.
    }

    @Test
    void aClosedServerCannotRestart() throws Exception {
        EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dir.resolve("zk"));
        server.close();
        server.close();
        assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
