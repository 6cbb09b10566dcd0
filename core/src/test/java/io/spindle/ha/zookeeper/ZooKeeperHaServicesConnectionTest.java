package io.spindle.ha.zookeeper;

import io.spindle.ha.HaConnectionState;
import io.spindle.ha.HaServices;
import io.spindle.testing.SpindleClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection state {@link ZooKeeperHaServices} reports follows its own Curator client as the
 * real server stops and starts again: suspended while it is down, reconnected when it is back,
 * lost when the outage outlasted the session.
 */
class ZooKeeperHaServicesConnectionTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = ZooKeeperTestClients.zooKeeperForExpiringSessions();

    private ZooKeeperHaServices ha;

    @AfterEach
    void tearDown() throws Exception {
        if (ha != null) {
            ha.close();
        }
        if (!CLUSTER.zooKeeperServer().isRunning()) {
            CLUSTER.zooKeeperServer().restart();
        }
    }

    private ZooKeeperHaServices connect(TestInfo test, Duration session) throws Exception {
        ha = ZooKeeperHaServices.create(ZooKeeperTestClients.config(CLUSTER.zooKeeperConnectString(),
                "/connection-" + test.getTestMethod().orElseThrow().getName(), session, Map.of()),
                new org.apache.hadoop.conf.Configuration());
        return ha;
    }

    @Test
    void aShortOutageSuspendsAndReconnects(TestInfo test) throws Exception {
        HaServices services = connect(test, Duration.ofSeconds(30));
        List<HaConnectionState> seen = new CopyOnWriteArrayList<>();
        services.watchConnection(seen::add);
        assertThat(services.connectionState()).isEqualTo(HaConnectionState.CONNECTED);

        CLUSTER.zooKeeperServer().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> services.connectionState() == HaConnectionState.SUSPENDED);
        CLUSTER.zooKeeperServer().restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> services.connectionState() == HaConnectionState.RECONNECTED);

        assertThat(seen).containsExactly(HaConnectionState.SUSPENDED, HaConnectionState.RECONNECTED);
    }

    @Test
    void anOutageLongerThanTheSessionLosesItAndAClosedWatchHearsNothing(TestInfo test) throws Exception {
        HaServices services = connect(test, ZooKeeperTestClients.EXPIRING_SESSION);
        List<HaConnectionState> seen = new CopyOnWriteArrayList<>();
        List<HaConnectionState> closedWatch = new CopyOnWriteArrayList<>();
        services.watchConnection(seen::add);
        services.watchConnection(closedWatch::add).close();

        CLUSTER.zooKeeperServer().stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> services.connectionState() == HaConnectionState.LOST);
        CLUSTER.zooKeeperServer().restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> services.connectionState().isConnected());

        assertThat(seen).containsSubsequence(HaConnectionState.SUSPENDED, HaConnectionState.LOST,
                HaConnectionState.RECONNECTED);
        assertThat(closedWatch).isEmpty();
    }
}
