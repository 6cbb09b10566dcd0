package io.spindle.ha.zookeeper;

import io.spindle.configuration.Configuration;
import io.spindle.ha.WriteOutcomeUnknownException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.StatePointer;
import io.spindle.testing.SpindleClusterExtension;
import io.spindle.testing.zookeeper.CuttingProxy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A fenced pointer write whose answer is lost, made deterministic by a {@link CuttingProxy}
 * between the writer's client and ZooKeeper: the request is forwarded (applied) or dropped (not
 * applied), the answer never arrives. The store must find out which, and keep or delete the file
 * accordingly: afterwards no pointer names a missing file and no unreferenced file stays.
 */
class ZooKeeperPointerStoreLostAnswerTest {

    private static final Duration SESSION = ZooKeeperTestClients.EXPIRING_SESSION;

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = ZooKeeperTestClients.zooKeeperForExpiringSessions();

    private static ExecutorService io;

    @TempDir
    java.nio.file.Path tmp;

    private final ZooKeeperTestClients clients = new ZooKeeperTestClients();
    private CuttingProxy proxy;
    private String clusterId;
    private ChecksummedFileStore files;

    @BeforeAll
    static void startExecutor() {
        io = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopExecutor() {
        io.shutdownNow();
    }

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        clusterId = "/lost-answer-" + test.getTestMethod().orElseThrow().getName();
        proxy = clients.register(CuttingProxy.start(CLUSTER.zooKeeperServer().port()));
        files = new ChecksummedFileStore(FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()),
                new Path(tmp.resolve("files").toUri()));
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private CuratorFramework writer(Map<String, String> extra) throws Exception {
        Configuration conf = ZooKeeperTestClients.config(proxy.connectString(), clusterId, SESSION, extra);
        return clients.client(conf);
    }

    /** A client straight to the server; it creates the pointer folder, so that the first request of a put is its write. */
    private CuratorFramework observer() throws Exception {
        CuratorFramework observer = clients.client(
                ZooKeeperTestClients.config(CLUSTER.zooKeeperConnectString(), clusterId, SESSION, Map.of()));
        observer.create().creatingParentContainersIfNeeded().forPath(ZooKeeperLayout.JOBGRAPHS);
        return observer;
    }

    private List<String> fileNames() throws Exception {
        java.nio.file.Path dir = tmp.resolve("files");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static String fileName(StatePointer pointer) {
        return pointer.path().substring(pointer.path().lastIndexOf('/') + 1);
    }

    /**
     * The pointer {@code name} as ZooKeeper holds it, once checked that its file is the only one
     * ({@code why} says which) and holds the name's bytes, as every put of this test writes.
     */
    private StatePointer storedWithItsFile(CuratorFramework observer, String name, String why) throws Exception {
        StatePointer stored = StatePointer.decode(observer.getData().forPath(ZooKeeperLayout.JOBGRAPHS + "/" + name), name);
        assertThat(fileNames()).as(why).containsExactly(fileName(stored));
        assertThat(files.read(stored)).isEqualTo(name.getBytes(StandardCharsets.UTF_8));
        return stored;
    }

    /**
     * Starts a put of {@code name} (its bytes are the name) whose request the proxy intercepts:
     * forwards to the server ({@code applied}) or drops; the test then keeps the answer away.
     *
     * @return the put, once its request was intercepted
     */
    private CompletableFuture<StatePointer> putWhoseAnswerIsLost(ZooKeeperPointerStore store, String name, TestLeader leader,
                                                                 boolean applied) throws Exception {
        CompletableFuture<Void> intercepted = proxy.cutOnRequestContaining(
                (ZooKeeperLayout.JOBGRAPHS + "/" + name).getBytes(StandardCharsets.UTF_8), applied);
        CompletableFuture<StatePointer> put = CompletableFuture.supplyAsync(() -> {
            try {
                return store.put(name, name.getBytes(StandardCharsets.UTF_8), leader.fence());
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        intercepted.get(20, TimeUnit.SECONDS);
        return put;
    }

    private static void awaitApplied(CuratorFramework observer, String name) {
        await("the server applied the write").atMost(Duration.ofSeconds(20))
                .until(() -> observer.checkExists().forPath(ZooKeeperLayout.JOBGRAPHS + "/" + name) != null);
    }

    @Test
    void appliedWriteWhoseAnswerWasLostSucceedsAndKeepsItsFile() throws Exception {
        CuratorFramework client = writer(Map.of());
        CuratorFramework observer = observer();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperPointerStore store = new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS, files, io);

        CompletableFuture<StatePointer> put = putWhoseAnswerIsLost(store, "applied", leader, true);
        awaitApplied(observer, "applied");
        proxy.cut(); // the answer never reaches the writer

        StatePointer pointer = put.get(60, TimeUnit.SECONDS);
        assertThat(storedWithItsFile(observer, "applied", "the file the pointer names")).isEqualTo(pointer);
        assertThat(store.get("applied")).isEqualTo("applied".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void droppedWriteOfASessionThatExpiredFailsAndDeletesItsFile() throws Exception {
        CuratorFramework client = writer(Map.of());
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        client.getConnectionStateListenable().addListener((c, s) -> states.add(s));
        CuratorFramework observer = observer();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperPointerStore store = new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS, files, io);

        CompletableFuture<StatePointer> put = putWhoseAnswerIsLost(store, "dropped", leader, false);
        proxy.refuse(true); // long enough for the session (and with it the latch node) to expire
        await().atMost(Duration.ofSeconds(30)).until(() -> states.contains(ConnectionState.LOST));
        await("the server expired the writer's latch node").atMost(Duration.ofSeconds(30))
                .until(() -> observer.getChildren().forPath(ZooKeeperLayout.LATCH).isEmpty());
        proxy.refuse(false);

        assertThatThrownBy(() -> put.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(WriteOutcomeUnknownException.class);
        assertThat(observer.checkExists().forPath(ZooKeeperLayout.JOBGRAPHS + "/dropped")).isNull();
        assertThat(fileNames()).as("the file of a write that certainly did not happen is deleted").isEmpty();
    }

    @Test
    void writeWhoseOutcomeCannotBeReadBackKeepsItsFileAndSaysSo() throws Exception {
        // Two retries, each giving up on the connection after 3 s (the default waits 15 s).
        CuratorFramework client = writer(Map.of("high-availability.zookeeper.client.max-retry-attempts", "2",
                "high-availability.zookeeper.client.connection-timeout", "3 s"));
        CuratorFramework observer = observer();
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperPointerStore store = new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS, files, io,
                Duration.ofMillis(500));

        CompletableFuture<StatePointer> put = putWhoseAnswerIsLost(store, "unknown", leader, true);
        awaitApplied(observer, "unknown");
        proxy.refuse(true); // ZooKeeper stays out of reach for the writer

        assertThatThrownBy(() -> put.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WriteOutcomeUnknownException.class);
        storedWithItsFile(observer, "unknown", "the file the pointer names is kept");
    }

    private CompletableFuture<Void> removeInBackground(ZooKeeperPointerStore store, String name, TestLeader leader) {
        return CompletableFuture.runAsync(() -> {
            try {
                store.remove(name, leader.fence());
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /**
     * Loses the answer to the remove of an entry the store wrote itself (so the delete is the first
     * request naming it), then keeps the writer away from ZooKeeper until its session, and with it
     * the latch node, expired: a retried delete is refused by the fence whatever the first did.
     */
    private CompletableFuture<Void> removeWithLostAnswer(CuratorFramework client, CuratorFramework observer,
                                                         String name, boolean forward) throws Exception {
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        client.getConnectionStateListenable().addListener((c, s) -> states.add(s));
        TestLeader leader = TestLeader.elect(client);
        ZooKeeperPointerStore store = new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS, files, io);
        store.put(name, name.getBytes(StandardCharsets.UTF_8), leader.fence());
        CompletableFuture<Void> intercepted = proxy.cutOnRequestContaining(
                ("/jobgraphs/" + name).getBytes(StandardCharsets.UTF_8), forward);

        CompletableFuture<Void> remove = removeInBackground(store, name, leader);
        intercepted.get(20, TimeUnit.SECONDS);
        if (forward) {
            await("the server applied the delete").atMost(Duration.ofSeconds(20))
                    .until(() -> observer.checkExists().forPath(ZooKeeperLayout.JOBGRAPHS + "/" + name) == null);
        }
        proxy.refuse(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> states.contains(ConnectionState.LOST));
        await("the server expired the writer's latch node").atMost(Duration.ofSeconds(30))
                .until(() -> observer.getChildren().forPath(ZooKeeperLayout.LATCH).isEmpty());
        proxy.refuse(false);
        return remove;
    }

    @Test
    void appliedRemoveWhoseAnswerWasLostSucceedsAndDeletesItsFile() throws Exception {
        CuratorFramework client = writer(Map.of());
        CuratorFramework observer = observer();

        CompletableFuture<Void> remove = removeWithLostAnswer(client, observer, "removed", true);

        remove.get(60, TimeUnit.SECONDS);
        assertThat(observer.checkExists().forPath(ZooKeeperLayout.JOBGRAPHS + "/removed")).isNull();
        assertThat(fileNames()).as("the file of an applied remove is deleted, not orphaned").isEmpty();
    }

    @Test
    void droppedRemoveOfASessionThatExpiredFailsAndKeepsPointerAndFile() throws Exception {
        CuratorFramework client = writer(Map.of());
        CuratorFramework observer = observer();

        CompletableFuture<Void> remove = removeWithLostAnswer(client, observer, "kept", false);

        assertThatThrownBy(() -> remove.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(WriteOutcomeUnknownException.class);
        storedWithItsFile(observer, "kept", "the file the pointer still names is kept");
    }
}
