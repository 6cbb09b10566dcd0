package io.spindle.ha.zookeeper;

import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The membership check against a real ZooKeeper, with a latch whose node is made by the test (the
 * latch itself is never started); whole outages: {@link ZooKeeperOutageTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LatchMembershipWatchTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final AtomicReference<LeaderLatch> latch = new AtomicReference<>();
    private CuratorFramework client;
    private CuratorFramework other;
    private ScheduledExecutorService checker;
    private LatchMembershipWatch watch;

    @BeforeEach
    void setUp() throws Exception {
        String clusterId = "cluster-" + UUID.randomUUID();
        client = TestLeader.client(CLUSTER.zooKeeperConnectString(), clusterId);
        other = TestLeader.client(CLUSTER.zooKeeperConnectString(), clusterId);
        checker = Executors.newSingleThreadScheduledExecutor();
        watch = new LatchMembershipWatch(client, "p", latch::get, checker, new LatchMembershipWatch.Listener() {
            @Override
            public void sessionLost() {
                heard.add("session lost");
            }

            @Override
            public void latchNodeStale(LeaderLatch checked, String why) {
                heard.add((checked == latch.get() ? "stale: " : "stale, another latch: ") + why);
            }
        });
    }

    @AfterEach
    void tearDown() {
        checker.shutdownNow();
        other.close();
        client.close();
    }

    /** A latch that claims {@code path} as its node. */
    private void latchOn(String path) {
        latch.set(new LeaderLatch(client, ZooKeeperLayout.LATCH, "p") {
            @Override
            public String getOurPath() {
                return path;
            }
        });
    }

    private static String ephemeralNode(CuratorFramework owner) throws Exception {
        return owner.create().creatingParentContainersIfNeeded()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(ZooKeeperLayout.LATCH + "/latch-");
    }

    /** @return the path of a latch node that existed and was deleted */
    private String goneNode() throws Exception {
        String node = ephemeralNode(client);
        client.delete().forPath(node);
        return node;
    }

    @Test
    void aNodeOfTheCurrentSessionIsMembership() throws Exception {
        latchOn(ephemeralNode(client));

        watch.check(0);

        assertThat(heard).isEmpty();
    }

    @Test
    void aGoneNodeIsReported() throws Exception {
        latchOn(goneNode());

        watch.check(0);

        assertThat(heard).containsExactly("stale: is gone");
    }

    @Test
    void aNodeOfAnotherSessionIsReported() throws Exception {
        latchOn(ephemeralNode(other));

        watch.check(0);

        assertThat(heard).containsExactly("stale: belongs to an earlier ZooKeeper session");
    }

    @Test
    void noLatchNoCheck() {
        watch.check(0);
        watch.check(LatchMembershipWatch.CHECKS);

        assertThat(heard).isEmpty();
    }

    @Test
    void aLatchStillCreatingItsNodeIsCheckedAgainLater() throws Exception {
        String node = goneNode();
        AtomicReference<String> path = new AtomicReference<>();
        latch.set(new LeaderLatch(client, ZooKeeperLayout.LATCH, "p") {
            @Override
            public String getOurPath() {
                return path.get();
            }
        });

        watch.check(1); // no node yet: looks again later
        path.set(node);

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("stale: is gone"));
    }

    @Test
    void aLostSessionIsReportedAndAReconnectChecks() throws Exception {
        latchOn(goneNode());

        watch.stateChanged(client, ConnectionState.LOST);
        watch.stateChanged(client, ConnectionState.SUSPENDED);
        watch.stateChanged(client, ConnectionState.RECONNECTED);

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("session lost", "stale: is gone");
    }
}
