package io.spindle.ha.zookeeper;

import io.spindle.ha.LeaderSession;
import io.spindle.configuration.Configuration;
import io.spindle.ha.LeaderInfo;
import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.ParticipantFinishedPredicate;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ZooKeeperLeaderElectionTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder()
            .withZooKeeper()
            .withZooKeeperSessionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60))
            .build();

    private final ZooKeeperTestClients clients = new ZooKeeperTestClients();
    private String clusterId;

    @AfterEach
    void closeClients() {
        clients.close();
    }

    private Configuration conf(Duration sessionTimeout, Map<String, String> extra) {
        return ZooKeeperTestClients.config(CLUSTER.zooKeeperConnectString(), clusterId, sessionTimeout, extra);
    }

    private ZooKeeperLeaderElection join(CuratorFramework client, String participant, RecordingContender contender,
                                         ParticipantFinishedPredicate finished) {
        ZooKeeperLeaderElection election = clients.register(
                new ZooKeeperLeaderElection(client, participant, contender, finished, Duration.ofMillis(50)));
        election.start("rpc-" + participant + ":6123", "http://" + participant + ":8081");
        return election;
    }

    @org.junit.jupiter.api.BeforeEach
    void newCluster(TestInfo test) {
        clusterId = "/election-" + test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void electsExactlyOneLeaderAndPublishesItsInfo() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(10), Map.of());
        RecordingContender a = new RecordingContender();
        RecordingContender b = new RecordingContender();
        join(clients.client(conf), "a", a, ParticipantFinishedPredicate.NEVER);
        join(clients.client(conf), "b", b, ParticipantFinishedPredicate.NEVER);
        AtomicReference<Optional<LeaderInfo>> seen = new AtomicReference<>(Optional.empty());
        clients.register(new ZooKeeperLeaderRetrieval(clients.client(conf), seen::set)).start();

        await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeading() || b.isLeading());
        RecordingContender leader = a.isLeading() ? a : b;
        String leaderName = leader == a ? "a" : "b";
        LeaderSession session = leader.leading().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seen.get()).hasValueSatisfying(info -> {
            assertThat(info.participantId()).isEqualTo(leaderName);
            assertThat(info.sessionId()).isEqualTo(session.id());
            assertThat(info.rpcAddress()).isEqualTo("rpc-" + leaderName + ":6123");
            assertThat(info.restUrl()).isEqualTo("http://" + leaderName + ":8081");
        }));
        assertThat(a.isLeading() && b.isLeading()).as("both lead").isFalse();
    }

    @Test
    void aLeaderThatJoinedBeforeItsEndpointsPublishesTheirAddressesInTheSameSession() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(10), Map.of());
        RecordingContender a = new RecordingContender();
        ZooKeeperLeaderElection election = clients.register(new ZooKeeperLeaderElection(clients.client(conf), "a", a,
                ParticipantFinishedPredicate.NEVER, Duration.ofMillis(50)));
        assertThatThrownBy(() -> election.publishAddresses("rpc-a:6123", "http://a:8081"))
                .isInstanceOf(IllegalStateException.class);
        List<Optional<LeaderInfo>> seen = new CopyOnWriteArrayList<>();
        clients.register(new ZooKeeperLeaderRetrieval(clients.client(conf), seen::add)).start();

        election.start("", "");
        await().atMost(Duration.ofSeconds(20)).until(a::isLeading);
        LeaderSession session = a.leading().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.stream().anyMatch(info -> info.isPresent()));
        assertThat(seen).filteredOn(Optional::isPresent).first().satisfies(info -> {
            assertThat(info.orElseThrow().sessionId()).isEqualTo(session.id());
            assertThat(info.orElseThrow().rpcAddress()).as("not known yet").isEmpty();
        });

        election.publishAddresses("rpc-a:6123", "http://a:8081");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(seen.get(seen.size() - 1))
                .hasValue(new LeaderInfo("a", "rpc-a:6123", "http://a:8081", session.id())));
        assertThat(a.revokes).as("the same session goes on").isEmpty();
        assertThat(a.leading()).contains(session);
    }

    @Test
    void gracefulHandoverGivesTheOtherParticipantANewSession() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(30), Map.of());
        RecordingContender a = new RecordingContender();
        ZooKeeperLeaderElection first = join(clients.client(conf), "a", a, ParticipantFinishedPredicate.NEVER);
        await().atMost(Duration.ofSeconds(20)).until(a::isLeading);
        LeaderSession old = a.leading().orElseThrow();
        RecordingContender b = new RecordingContender();
        join(clients.client(conf), "b", b, ParticipantFinishedPredicate.NEVER);
        List<Optional<LeaderInfo>> seen = new CopyOnWriteArrayList<>();
        clients.register(new ZooKeeperLeaderRetrieval(clients.client(conf), seen::add)).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).isPresent());

        first.close();

        // Far below the 30 s session timeout: closing deletes the latch node.
        await().atMost(Duration.ofSeconds(15)).until(b::isLeading);
        assertThat(a.revokes).containsExactly(old);
        assertThat(old.isValid()).isFalse();
        LeaderSession next = b.leading().orElseThrow();
        assertThat(next.id()).isNotEqualTo(old.id());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(seen.get(seen.size() - 1)).hasValueSatisfying(info -> assertThat(info.sessionId()).isEqualTo(next.id())));
    }

    @Test
    void expiredLeaderCannotWriteAndStepsDownWhileTheNewLeaderWrites() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(4), Map.of());
        CuratorFramework clientA = clients.client(conf);
        RecordingContender a = new RecordingContender();
        join(clientA, "a", a, ParticipantFinishedPredicate.NEVER);
        await().atMost(Duration.ofSeconds(20)).until(a::isLeading);
        LeaderSession oldSession = a.leading().orElseThrow();
        RecordingContender b = new RecordingContender();
        join(clients.client(conf), "b", b, ParticipantFinishedPredicate.NEVER);

        // The paused leader: the server expires its session while it holds on to its session object.
        ZooKeeper zk = clientA.getZookeeperClient().getZooKeeper();
        ZooKeeperLeaderFence staleFence = new ZooKeeperLeaderFence(clientA, ZooKeeperLeaderFence.of(oldSession.fence()).latchNodePath(),
                oldSession.id(), () -> { });
        expireSession(zk);

        await().atMost(Duration.ofSeconds(30)).until(b::isLeading);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.revokes.contains(oldSession));

        clientA.createContainers(ZooKeeperLayout.JOBGRAPHS);
        assertThatThrownBy(() -> staleFence.commit(List.of(clientA.transactionOp().create()
                .withMode(CreateMode.PERSISTENT).forPath(ZooKeeperLayout.JOBGRAPHS + "/from-old-leader", new byte[] {1}))))
                .isInstanceOf(LeadershipLostException.class)
                .hasMessageContaining(oldSession.id().toString());
        assertThatThrownBy(() -> ZooKeeperLeaderFence.of(oldSession.fence()).commit(List.of(clientA.transactionOp().create()
                .forPath(ZooKeeperLayout.JOBGRAPHS + "/from-old-leader-2", new byte[] {1}))))
                .isInstanceOf(LeadershipLostException.class);
        assertThat(clientA.checkExists().forPath(ZooKeeperLayout.JOBGRAPHS + "/from-old-leader")).isNull();
        assertThat(clientA.checkExists().forPath(ZooKeeperLayout.JOBGRAPHS + "/from-old-leader-2")).isNull();
        assertThat(staleFence.isValid()).isFalse();

        LeaderSession newSession = b.leading().orElseThrow();
        ZooKeeperLeaderFence.of(newSession.fence()).commit(List.of(ZooKeeperLeaderFence.of(newSession.fence()).client().transactionOp().create()
                .forPath(ZooKeeperLayout.JOBGRAPHS + "/from-new-leader", new byte[] {2})));
        assertThat(clientA.getData().forPath(ZooKeeperLayout.JOBGRAPHS + "/from-new-leader")).containsExactly(2);
    }

    @Test
    void suspendedConnectionRevokesLeadershipByDefault() throws Exception {
        RecordingContender a = new RecordingContender();
        join(clients.client(conf(Duration.ofSeconds(20), Map.of())), "a", a, ParticipantFinishedPredicate.NEVER);
        await().atMost(Duration.ofSeconds(20)).until(a::isLeading);
        LeaderSession first = a.leading().orElseThrow();

        CLUSTER.zooKeeperServer().stop();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> a.revokes.contains(first));
            assertThat(first.isValid()).isFalse();
        } finally {
            CLUSTER.zooKeeperServer().restart();
        }
        // The session survived the short outage, so the same latch node leads again, under a new session id.
        await().atMost(Duration.ofSeconds(30)).until(() -> a.leading().filter(s -> !s.id().equals(first.id())).isPresent());
    }

    @Test
    void suspendedConnectionKeepsLeadershipWhenTolerated() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(20),
                Map.of("high-availability.zookeeper.client.tolerate-suspended-connections", "true"));
        CuratorFramework client = clients.client(conf);
        RecordingContender a = new RecordingContender();
        join(client, "a", a, ParticipantFinishedPredicate.NEVER);
        await().atMost(Duration.ofSeconds(20)).until(a::isLeading);
        LeaderSession first = a.leading().orElseThrow();
        List<String> states = new CopyOnWriteArrayList<>();
        client.getConnectionStateListenable().addListener((c, state) -> states.add(state.name()));

        CLUSTER.zooKeeperServer().stop();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> states.contains("SUSPENDED"));
        } finally {
            CLUSTER.zooKeeperServer().restart();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> states.contains("RECONNECTED"));

        assertThat(a.revokes).isEmpty();
        assertThat(a.grants).containsExactly(first);
        ZooKeeperLeaderFence.of(first.fence()).commit(List.of(client.transactionOp().create().forPath("/still-leader", new byte[0])));
        assertThat(client.checkExists().forPath("/still-leader")).isNotNull();
    }

    @Test
    void preemptionTakesOverFromAKilledLeaderBeforeItsSessionExpires() throws Exception {
        Duration sessionTimeout = Duration.ofSeconds(60);
        Process leader = startLeaderProcess(sessionTimeout);
        RecordingContender b = new RecordingContender();
        CuratorFramework client = clients.client(conf(sessionTimeout, Map.of()));
        join(client, "b", b, id -> id.equals("killed-leader") && !leader.isAlive());
        assertThat(b.isLeading()).isFalse();

        leader.destroyForcibly(); // SIGKILL: its ZooKeeper session lives on for 60 s
        leader.waitFor();

        // Half the session timeout is the bound; in practice this takes well under a second.
        await().atMost(Duration.ofSeconds(30)).until(b::isLeading);
        LeaderSession session = b.leading().orElseThrow();
        ZooKeeperLeaderFence.of(session.fence()).commit(List.of(client.transactionOp().create().forPath("/preempted-write", new byte[0])));
    }

    @Test
    void withoutPreemptionTheSuccessorWaitsForTheSessionTimeout() throws Exception {
        Duration sessionTimeout = Duration.ofSeconds(6);
        Process leader = startLeaderProcess(sessionTimeout);
        RecordingContender b = new RecordingContender();
        CuratorFramework client = clients.client(conf(sessionTimeout, Map.of()));
        join(client, "b", b, ParticipantFinishedPredicate.NEVER);

        leader.destroyForcibly();
        leader.waitFor();
        List<String> latchBefore = client.getChildren().forPath(ZooKeeperLayout.LATCH);
        assertThat(latchBefore).hasSize(2);

        // While the dead leader's latch node stands, the successor does not lead.
        await().atMost(Duration.ofSeconds(60)).until(() -> b.isLeading()
                || client.getChildren().forPath(ZooKeeperLayout.LATCH).size() == 1);
        List<String> latchNow = client.getChildren().forPath(ZooKeeperLayout.LATCH);
        assertThat(latchNow).as("b led while the dead leader's node still existed").hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(b::isLeading);
    }

    /**
     * Starts participant {@code killed-leader} in a JVM of its own and waits until it leads; the
     * process is killed after the test at the latest.
     */
    private Process startLeaderProcess(Duration sessionTimeout) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        String namespace = new ZooKeeperClientFactory(conf(sessionTimeout, Map.of())).clusterNamespace();
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                LeaderProcessMain.class.getName(), CLUSTER.zooKeeperConnectString(), namespace, "killed-leader",
                Long.toString(sessionTimeout.toMillis()));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process leader = pb.start();
        clients.register(leader::destroyForcibly);
        awaitLine(leader, "GRANTED");
        return leader;
    }

    @Test
    void startingTwiceIsRefusedAndJoinsTheLatchOnce() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(10), Map.of());
        CuratorFramework client = clients.client(conf);
        RecordingContender contender = new RecordingContender();
        ZooKeeperLeaderElection election = join(client, "twice", contender, ParticipantFinishedPredicate.NEVER);

        assertThatThrownBy(() -> election.start("rpc-twice:6123", "http://twice:8081"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("started already");

        await().atMost(Duration.ofSeconds(20)).until(contender::isLeading);
        assertThat(client.getChildren().forPath(ZooKeeperLayout.LATCH)).as("one latch node of this participant").hasSize(1);
        assertThat(contender.grants).hasSize(1);
    }

    @Test
    void startingAfterCloseIsRefusedWithAClearMessage() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(10), Map.of());
        ZooKeeperLeaderElection election = new ZooKeeperLeaderElection(clients.client(conf), "closed",
                new RecordingContender(), ParticipantFinishedPredicate.NEVER, Duration.ofMillis(50));
        election.close();
        election.close(); // idempotent

        assertThatThrownBy(() -> election.start("", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aSlowFinishedPredicateDoesNotDelayTheGrant() throws Exception {
        Configuration conf = conf(Duration.ofSeconds(30), Map.of());
        RecordingContender first = new RecordingContender();
        ZooKeeperLeaderElection leader = join(clients.client(conf), "first", first, ParticipantFinishedPredicate.NEVER);
        await().atMost(Duration.ofSeconds(20)).until(first::isLeading);
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingContender second = new RecordingContender();
        try {
            join(clients.client(conf), "second", second, participant -> {
                asked.countDown();
                release.await(); // a ResourceManager that does not answer
                return false;
            });
            assertThat(asked.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("the predicate was asked").isTrue();

            leader.close();

            await("the grant arrives while the predicate still blocks").atMost(Duration.ofSeconds(10))
                    .until(second::isLeading);
            assertThat(release.getCount()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    private static void awaitLine(Process process, String prefix) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("participant process exited before printing " + prefix);
            }
            return line.startsWith(prefix);
        });
    }

    /** Expires a session on the server, as a long pause of its owner would: a second handle with the same id closes it. */
    private void expireSession(ZooKeeper zk) throws Exception {
        ZooKeeper twin = new ZooKeeper(CLUSTER.zooKeeperConnectString(), 4000, event -> { },
                zk.getSessionId(), zk.getSessionPasswd());
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> twin.getState().isConnected());
        } finally {
            twin.close();
        }
    }
}
