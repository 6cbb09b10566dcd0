package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeaderSession;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.zookeeper.CuttingProxy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HA clients riding out ZooKeeper outages: a connection cut shorter than the session timeout, a
 * session that expired while the client could not reach ZooKeeper, and the whole server stopped
 * for longer than the session timeout. The outage of one client is made with a
 * {@link CuttingProxy} that refuses its connections; the others talk to the server directly.
 */
class ZooKeeperOutageTest {

    private static final Duration SESSION = ZooKeeperTestClients.EXPIRING_SESSION;

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = ZooKeeperTestClients.zooKeeperForExpiringSessions();

    private final ZooKeeperTestClients clients = new ZooKeeperTestClients();
    private CuttingProxy proxy;
    private String clusterId;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        clusterId = "/outage-" + test.getTestMethod().orElseThrow().getName();
        proxy = clients.register(CuttingProxy.start(CLUSTER.zooKeeperServer().port()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (!CLUSTER.zooKeeperServer().isRunning()) {
            CLUSTER.zooKeeperServer().restart();
        }
        clients.close();
    }

    private Configuration direct() {
        return ZooKeeperTestClients.config(CLUSTER.zooKeeperConnectString(), clusterId, SESSION, Map.of());
    }

    private Configuration throughProxy() {
        return throughProxy(SESSION);
    }

    private Configuration throughProxy(Duration session) {
        return ZooKeeperTestClients.config(proxy.connectString(), clusterId, session, Map.of());
    }

    private static List<ConnectionState> recordStates(CuratorFramework client) {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        client.getConnectionStateListenable().addListener((c, state) -> states.add(state));
        return states;
    }

    private static void publish(CuratorFramework client, LeaderInfo info) throws Exception {
        client.create().orSetData().creatingParentContainersIfNeeded().withMode(CreateMode.PERSISTENT)
                .forPath(ZooKeeperLayout.JOBMANAGER_LEADER, info.toBytes());
    }

    private static LeaderInfo info(String participant) {
        return new LeaderInfo(participant, participant + ":6123", "http://" + participant + ":8081", UUID.randomUUID());
    }

    private ZooKeeperLeaderElection join(CuratorFramework client, String participant, RecordingContender contender) {
        ZooKeeperLeaderElection election = clients.register(new ZooKeeperLeaderElection(client, participant, contender,
                ParticipantFinishedPredicate.NEVER, Duration.ofMillis(50)));
        election.start(participant + ":6123", "http://" + participant + ":8081");
        return election;
    }

    private static List<String> latchParticipants(CuratorFramework client) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (String child : client.getChildren().forPath(ZooKeeperLayout.LATCH)) {
            try {
                ids.add(new String(client.getData().forPath(ZooKeeperLayout.LATCH + "/" + child),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
                // gone between listing and reading
            }
        }
        ids.sort(null);
        return ids;
    }

    @Test
    void retrievalReadsTheLeaderPublishedWhileItsConnectionWasCut() throws Exception {
        CuratorFramework writer = clients.client(direct());
        CuratorFramework follower = clients.client(throughProxy(Duration.ofSeconds(20)));
        List<ConnectionState> states = recordStates(follower);
        LeaderInfo first = info("first");
        publish(writer, first);
        AtomicReference<Optional<LeaderInfo>> seen = new AtomicReference<>(Optional.empty());
        clients.register(new ZooKeeperLeaderRetrieval(follower, seen::set)).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.get().equals(Optional.of(first)));

        proxy.refuse(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> states.contains(ConnectionState.SUSPENDED));
        LeaderInfo second = info("second");
        publish(writer, second);
        proxy.refuse(false);

        await().atMost(Duration.ofSeconds(20)).until(() -> states.contains(ConnectionState.RECONNECTED));
        assertThat(states).as("the session survived").doesNotContain(ConnectionState.LOST);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seen.get()).contains(second));
    }

    @Test
    void retrievalReadsTheLeaderAgainAfterItsSessionExpired() throws Exception {
        CuratorFramework writer = clients.client(direct());
        CuratorFramework follower = clients.client(throughProxy());
        List<ConnectionState> states = recordStates(follower);
        LeaderInfo first = info("first");
        publish(writer, first);
        List<Optional<LeaderInfo>> heard = new CopyOnWriteArrayList<>();
        ZooKeeperLeaderRetrieval retrieval = clients.register(new ZooKeeperLeaderRetrieval(follower, heard::add));
        retrieval.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(Optional.of(first)));

        proxy.refuse(true);
        // Curator ends the session once it has been unreachable for the session timeout.
        await().atMost(Duration.ofSeconds(30)).until(() -> states.contains(ConnectionState.LOST));
        LeaderInfo second = info("second");
        publish(writer, second);
        proxy.refuse(false);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(heard).last().isEqualTo(Optional.of(second));
            assertThat(retrieval.currentLeader()).contains(second);
        });
        // And it keeps watching in the new session.
        LeaderInfo third = info("third");
        publish(writer, third);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(heard).last().isEqualTo(Optional.of(third)));
    }

    @Test
    void standbyWhoseSessionExpiredRejoinsTheElection() throws Exception {
        LeaderAndStandby election = leaderAndStandbyThroughProxy();

        proxy.refuse(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> election.standbyStates().contains(ConnectionState.LOST));
        await("the server expired the standby's latch node").atMost(Duration.ofSeconds(30))
                .until(() -> latchParticipants(election.observer()).equals(List.of("leader")));
        proxy.refuse(false);

        await("the standby is back in the election").atMost(Duration.ofSeconds(30))
                .until(() -> latchParticipants(election.observer()).equals(List.of("leader", "standby")));
        election.leading().close();
        await("and takes over").atMost(Duration.ofSeconds(30)).until(election.standby()::isLeading);
    }

    @Test
    void standbyRejoinsWhenItsClientGaveUpASessionThatTheServerKept() throws Exception {
        LeaderAndStandby election = leaderAndStandbyThroughProxy();
        ZooKeeper handle = election.standbyClient().getZookeeperClient().getZooKeeper();
        long oldSession = handle.getSessionId();

        proxy.refuse(true);
        // A second handle keeps the old session alive on the server (as a restarted server that restored its
        // sessions does) while the standby's client gives it up after the session timeout.
        ZooKeeper twin = clients.register(new ZooKeeper(CLUSTER.zooKeeperConnectString(), (int) SESSION.toMillis(),
                event -> { }, oldSession, handle.getSessionPasswd()));
        await().atMost(Duration.ofSeconds(30)).until(() -> election.standbyStates().contains(ConnectionState.LOST));
        proxy.refuse(false);

        await("the standby joined again under its new ZooKeeper session").atMost(Duration.ofSeconds(30)).until(() -> {
            long now = election.standbyClient().getZookeeperClient().getZooKeeper().getSessionId();
            return now != oldSession && latchOwners(election.observer()).contains(now);
        });
        twin.close();
        election.leading().close();
        await("and takes over").atMost(Duration.ofSeconds(30)).until(election.standby()::isLeading);
    }

    /** What the standby tests start with: a leader on a direct connection, a standby through the proxy. */
    private record LeaderAndStandby(CuratorFramework observer, ZooKeeperLeaderElection leading,
            CuratorFramework standbyClient, List<ConnectionState> standbyStates, RecordingContender standby) {}

    private LeaderAndStandby leaderAndStandbyThroughProxy() throws Exception {
        CuratorFramework observer = clients.client(direct());
        RecordingContender leader = new RecordingContender();
        ZooKeeperLeaderElection leading = join(clients.client(direct()), "leader", leader);
        await().atMost(Duration.ofSeconds(20)).until(leader::isLeading);
        CuratorFramework standbyClient = clients.client(throughProxy());
        List<ConnectionState> states = recordStates(standbyClient);
        RecordingContender standby = new RecordingContender();
        join(standbyClient, "standby", standby);
        await().atMost(Duration.ofSeconds(20)).until(() -> latchParticipants(observer).equals(List.of("leader", "standby")));
        return new LeaderAndStandby(observer, leading, standbyClient, states, standby);
    }

    private static List<Long> latchOwners(CuratorFramework client) throws Exception {
        List<Long> owners = new java.util.ArrayList<>();
        for (String child : client.getChildren().forPath(ZooKeeperLayout.LATCH)) {
            org.apache.zookeeper.data.Stat stat = client.checkExists().forPath(ZooKeeperLayout.LATCH + "/" + child);
            if (stat != null) {
                owners.add(stat.getEphemeralOwner());
            }
        }
        return owners;
    }

    @Test
    void leaderWhoseSessionExpiredStepsDownAndRejoinsAsStandby() throws Exception {
        CuratorFramework observer = clients.client(direct());
        CuratorFramework firstClient = clients.client(throughProxy());
        List<ConnectionState> states = recordStates(firstClient);
        RecordingContender first = new RecordingContender();
        join(firstClient, "first", first);
        await().atMost(Duration.ofSeconds(20)).until(first::isLeading);
        LeaderSession firstSession = first.leading().orElseThrow();
        RecordingContender second = new RecordingContender();
        ZooKeeperLeaderElection secondElection = join(clients.client(direct()), "second", second);
        await().atMost(Duration.ofSeconds(20)).until(() -> latchParticipants(observer).size() == 2);

        proxy.refuse(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.revokes.contains(firstSession));
        await("the other participant leads").atMost(Duration.ofSeconds(30)).until(second::isLeading);
        await().atMost(Duration.ofSeconds(30)).until(() -> states.contains(ConnectionState.LOST));
        proxy.refuse(false);

        await("the old leader is back in the election").atMost(Duration.ofSeconds(30))
                .until(() -> latchParticipants(observer).equals(List.of("first", "second")));
        assertThat(first.isLeading()).isFalse();
        secondElection.close();
        await("and can lead again").atMost(Duration.ofSeconds(30))
                .until(() -> first.leading().filter(s -> !s.id().equals(firstSession.id())).isPresent());
    }

    @Test
    void everyoneRidesOutAServerStoppedForLongerThanTheSessionTimeout() throws Exception {
        CuratorFramework observer = clients.client(direct());
        RecordingContender a = new RecordingContender();
        RecordingContender b = new RecordingContender();
        CuratorFramework clientA = clients.client(direct());
        List<ConnectionState> statesA = recordStates(clientA);
        join(clientA, "a", a);
        join(clients.client(direct()), "b", b);
        List<Optional<LeaderInfo>> heard = new CopyOnWriteArrayList<>();
        clients.register(new ZooKeeperLeaderRetrieval(clients.client(direct()), heard::add)).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeading() || b.isLeading());
        UUID before = (a.isLeading() ? a : b).leading().orElseThrow().id();
        await().atMost(Duration.ofSeconds(20)).until(() -> !heard.isEmpty()
                && heard.get(heard.size() - 1).map(LeaderInfo::sessionId).equals(Optional.of(before)));

        CLUSTER.zooKeeperServer().stop();
        await("the clients gave their sessions up").atMost(Duration.ofSeconds(30))
                .until(() -> statesA.contains(ConnectionState.LOST));
        CLUSTER.zooKeeperServer().restart();

        await("both participants are back in the election").atMost(Duration.ofSeconds(60))
                .until(() -> latchParticipants(observer).equals(List.of("a", "b")));
        await("one of them leads under a new session").atMost(Duration.ofSeconds(30))
                .until(() -> (a.leading().isPresent() ^ b.leading().isPresent())
                        && !(a.isLeading() ? a : b).leading().orElseThrow().id().equals(before));
        UUID after = (a.isLeading() ? a : b).leading().orElseThrow().id();
        await("the retrieval follows the new session").atMost(Duration.ofSeconds(30)).until(() ->
                heard.get(heard.size() - 1).map(LeaderInfo::sessionId).equals(Optional.of(after)));
    }
}
