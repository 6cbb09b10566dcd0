package io.spindle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A single ZooKeeper server through {@link SpindleClusterExtension}: restart, short sessions, start failure. */
class ZooKeeperServerTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withZooKeeperTickTime(Duration.ofMillis(200))
            .withZooKeeperSessionTimeouts(Duration.ofMillis(400), Duration.ofSeconds(30))
            .build();

    @Test
    void serverRestartsOnItsPortWithItsData() throws Exception {
        TestingServer server = CLUSTER.zooKeeperServer();
        try (CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(CLUSTER.zooKeeperConnectString())
                .sessionTimeoutMs(20_000)
                .connectionTimeoutMs(2_000)
                .retryPolicy(new ExponentialBackoffRetry(50, 10))
                .build()) {
            client.start();
            assertThat(client.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
            client.create().forPath("/kept", "data".getBytes(StandardCharsets.UTF_8));
            int port = server.getPort();

            server.stop();
            server.restart();

            assertThat(server.getPort()).isEqualTo(port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.getData().forPath("/kept")).asString(StandardCharsets.UTF_8).isEqualTo("data"));
        }
    }

    @Test
    void shortSessionTimeoutsAreAccepted() throws Exception {
        try (CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(CLUSTER.zooKeeperConnectString())
                .sessionTimeoutMs(500)
                .connectionTimeoutMs(2_000)
                .retryPolicy(new ExponentialBackoffRetry(50, 10))
                .build()) {
            client.start();
            assertThat(client.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
            assertThat(client.getZookeeperClient().getZooKeeper().getSessionTimeout()).isEqualTo(500);
        }
    }

    @Test
    void serverThatCannotStartThrowsInsteadOfExitingTheJvm() throws Exception {
        ZooKeeperServers.prepare();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            assertThatThrownBy(() -> {
                try (TestingServer server = new TestingServer(taken.getLocalPort(), true)) {
                    server.getConnectString();
                }
            }).isInstanceOf(Exception.class);
        }
        // Still here: the JVM did not exit.
    }
}
