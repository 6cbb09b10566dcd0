package io.spindle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
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
        TestingCluster ensemble = CLUSTER.zooKeeperEnsemble();
        assertThat(ensemble.getInstances()).hasSize(3);
        assertThat(CLUSTER.zooKeeperConnectString().split(",")).hasSize(3);
        String path = "/it/" + UUID.randomUUID();

        try (CuratorFramework client = client(CLUSTER.zooKeeperConnectString())) {
            client.create().creatingParentsIfNeeded().forPath(path, bytes("v1"));

            InstanceSpec connected = ensemble.findConnectionInstance(client.getZookeeperClient().getZooKeeper());
            assertThat(connected).isNotNull();
            assertThat(ensemble.killServer(connected)).isTrue();

            // Two of three servers keep the quorum; the client moves to one of them.
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                client.setData().forPath(path, bytes("v2"));
                assertThat(client.getData().forPath(path)).asString(StandardCharsets.UTF_8).isEqualTo("v2");
            });
            assertThat(ensemble.findConnectionInstance(client.getZookeeperClient().getZooKeeper()))
                    .isNotEqualTo(connected);

            assertThat(ensemble.restartServer(connected)).isTrue();
            try (CuratorFramework direct = client(connected.getHostname() + ":" + connected.getPort())) {
                await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                    direct.sync().forPath(path);
                    assertThat(direct.getData().forPath(path)).asString(StandardCharsets.UTF_8).isEqualTo("v2");
                });
            }
        }
    }

    private static CuratorFramework client(String connectString) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(4_000)
                .connectionTimeoutMs(2_000)
                .retryPolicy(new ExponentialBackoffRetry(50, 10))
                .build();
        client.start();
        assertThat(client.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
