package io.spindle.minicluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * Curator clients for the tests of the embedded ZooKeeper servers, here and in test-support (the
 * mini-cluster test-jar). Stateless; the caller closes each client.
 */
public final class ZooKeeperTestClients {

    private ZooKeeperTestClients() {}

    /**
     * A started client of {@code connectString} asking for {@code sessionTimeoutMs}, connected (the
     * test fails if it is not within 20 s); it retries quickly, so it follows a server's restart.
     */
    public static CuratorFramework connectedClient(String connectString, int sessionTimeoutMs) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(2_000)
                .retryPolicy(new ExponentialBackoffRetry(50, 10))
                .build();
        client.start();
        assertThat(client.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    /** {@code s} in UTF-8. */
    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
