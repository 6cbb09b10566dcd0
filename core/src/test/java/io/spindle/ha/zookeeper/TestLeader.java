package io.spindle.ha.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leader without an election, for tests of fenced writes: an ephemeral sequential node under
 * {@code /latch} stands for the leader's latch node; {@link #depose()} deletes it, as a session
 * expiry or a preempting successor would.
 */
public final class TestLeader {

    private final CuratorFramework client;
    private final String latchNode;
    private final ZooKeeperLeaderFence fence;
    private final AtomicInteger lostCalls = new AtomicInteger();

    private TestLeader(CuratorFramework client, String latchNode) {
        this.client = client;
        this.latchNode = latchNode;
        this.fence = new ZooKeeperLeaderFence(client, latchNode, UUID.randomUUID(), lostCalls::incrementAndGet);
    }

    /** @return a started client in namespace {@code spindle-test/<clusterId>}; the caller closes it */
    public static CuratorFramework client(String connectString, String clusterId) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .namespace("spindle-test/" + clusterId)
                .retryPolicy(new RetryNTimes(3, 100))
                .sessionTimeoutMs(20_000)
                .connectionTimeoutMs(10_000)
                .build();
        client.start();
        if (!client.blockUntilConnected(20, TimeUnit.SECONDS)) {
            client.close();
            throw new IllegalStateException("No connection to ZooKeeper at " + connectString);
        }
        return client;
    }

    /** Creates a latch node and a fence on it. */
    public static TestLeader elect(CuratorFramework client) throws Exception {
        String node = client.create().creatingParentContainersIfNeeded()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(ZooKeeperLayout.LATCH + "/test-");
        return new TestLeader(client, node);
    }

    public ZooKeeperLeaderFence fence() {
        return fence;
    }

    /** Deletes the latch node: the fence's next write fails with LeadershipLostException. */
    public void depose() throws Exception {
        client.delete().forPath(latchNode);
    }

    /** @return how often the fence's onLost callback ran */
    public int lostCalls() {
        return lostCalls.get();
    }
}
