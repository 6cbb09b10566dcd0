package io.spindle.ha.zookeeper;

import io.spindle.ha.LeadershipLostException;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.Recovered;
import io.spindle.ha.storage.StateFileException;
import io.spindle.ha.storage.StatePointer;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.spindle.ha.EntryExistsException;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pointers in a real ZooKeeper, files on the local file system (HDFS: {@code StorageOnHdfsTest}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZooKeeperPointerStoreTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private static ExecutorService io;

    @TempDir
    java.nio.file.Path tmp;

    private CuratorFramework client;
    private TestLeader leader;
    private java.nio.file.Path dir;
    private ChecksummedFileStore files;
    private ZooKeeperPointerStore store;

    @BeforeAll
    static void startExecutor() {
        io = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopExecutor() throws InterruptedException {
        io.shutdownNow();
        assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @BeforeEach
    void setUp() throws Exception {
        client = TestLeader.client(CLUSTER.zooKeeperConnectString(), "cluster-" + UUID.randomUUID());
        leader = TestLeader.elect(client);
        dir = tmp.resolve("jobgraphs");
        files = new ChecksummedFileStore(FileSystem.getLocal(new Configuration()), new Path(dir.toUri()));
        store = newStore();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private ZooKeeperPointerStore newStore() {
        return new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS, files, io);
    }

    @Test
    void putGetReplaceRemove() throws Exception {
        StatePointer first = store.put("job-1", bytes("one"), leader.fence());

        assertThat(store.get("job-1")).isEqualTo(bytes("one"));
        assertThat(store.names()).containsExactly("job-1");
        assertThat(StatePointer.decode(client.getData().forPath("/jobgraphs/job-1"), "/jobgraphs/job-1")).isEqualTo(first);
        assertThat(fileNames()).containsExactly(name(first));

        StatePointer second = store.replace("job-1", bytes("two"), leader.fence());

        assertThat(store.get("job-1")).isEqualTo(bytes("two"));
        assertThat(fileNames()).containsExactly(name(second)); // the old file is gone

        store.remove("job-1", leader.fence());

        assertThat(store.names()).isEmpty();
        assertThat(client.checkExists().forPath("/jobgraphs/job-1")).isNull();
        assertThat(fileNames()).isEmpty();
        assertThatThrownBy(() -> store.get("job-1")).isInstanceOf(NoSuchElementException.class).hasMessageContaining("/jobgraphs/job-1");
        store.remove("job-1", leader.fence()); // absent: nothing to do
    }

    @Test
    void theBlockingMethodsMayBeCalledOnTheStoresOwnIoThreads() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            ZooKeeperPointerStore onIt = new ZooKeeperPointerStore(client, ZooKeeperLayout.JOBGRAPHS, files, single);
            // Were their file work queued on the executor whose only thread waits for it, none would return.
            single.submit(() -> {
                onIt.put("job-1", bytes("one"), leader.fence());
                onIt.put("job-2", bytes("two"), leader.fence());
                onIt.remove("job-1", leader.fence());
                return onIt.removeAll(leader.fence());
            }).get(20, TimeUnit.SECONDS);
        } finally {
            single.shutdownNow();
        }

        assertThat(store.names()).isEmpty();
        assertThat(fileNames()).as("the files are deleted too").isEmpty();
    }

    @Test
    void putByADeposedLeaderLeavesNoFileAndNoPointer() throws Exception {
        store.put("job-1", bytes("kept"), leader.fence());
        leader.depose();

        assertThatThrownBy(() -> store.put("job-2", bytes("refused"), leader.fence()))
                .isInstanceOf(LeadershipLostException.class);

        assertThat(client.checkExists().forPath("/jobgraphs/job-2")).isNull();
        assertThat(fileNames()).hasSize(1);
        assertThat(leader.lostCalls()).isEqualTo(1);
        assertThat(leader.fence().isValid()).isFalse();
        // Once broken, the fence refuses before any file is written.
        assertThatThrownBy(() -> store.put("job-3", bytes("refused"), leader.fence())).isInstanceOf(LeadershipLostException.class);
        assertThatThrownBy(() -> store.putAsync("job-3", bytes("refused"), leader.fence()).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(LeadershipLostException.class);
        assertThat(fileNames()).hasSize(1);
        assertThat(store.get("job-1")).isEqualTo(bytes("kept"));
    }

    @Test
    void replaceAndRemoveByADeposedLeaderChangeNothing() throws Exception {
        StatePointer pointer = store.put("job-1", bytes("one"), leader.fence());
        leader.depose();

        assertThatThrownBy(() -> store.replace("job-1", bytes("two"), leader.fence())).isInstanceOf(LeadershipLostException.class);
        assertThatThrownBy(() -> store.remove("job-1", leader.fence())).isInstanceOf(LeadershipLostException.class);
        assertThatThrownBy(() -> store.removeAll(leader.fence())).isInstanceOf(LeadershipLostException.class);

        assertThat(store.get("job-1")).isEqualTo(bytes("one"));
        assertThat(fileNames()).containsExactly(name(pointer));
    }

    @Test
    void replaceRefusedByZooKeeperDeletesTheNewFile() throws Exception {
        StatePointer pointer = store.put("job-1", bytes("one"), leader.fence());
        leader.depose(); // not yet known to the fence: the refusal comes from ZooKeeper

        assertThatThrownBy(() -> store.replace("job-1", bytes("two"), leader.fence())).isInstanceOf(LeadershipLostException.class);

        assertThat(fileNames()).containsExactly(name(pointer));
        assertThat(newStore().get("job-1")).isEqualTo(bytes("one"));
    }

    @Test
    void putOfAnExistingNameFailsAndKeepsTheFirst() throws Exception {
        StatePointer first = store.put("job-1", bytes("first"), leader.fence());

        assertThatThrownBy(() -> store.put("job-1", bytes("second"), leader.fence()))
                .isInstanceOf(EntryExistsException.class).hasCauseInstanceOf(KeeperException.NodeExistsException.class);
        assertThatThrownBy(() -> newStore().put("job-1", bytes("second"), leader.fence()))
                .isInstanceOf(EntryExistsException.class).hasCauseInstanceOf(KeeperException.NodeExistsException.class);

        assertThat(fileNames()).containsExactly(name(first));
        assertThat(store.get("job-1")).isEqualTo(bytes("first"));
    }

    @Test
    void corruptAndMissingFilesAreReportedNamingTheFile() throws Exception {
        StatePointer corrupt = store.put("job-1", bytes("state one"), leader.fence());
        StatePointer missing = store.put("job-2", bytes("state two"), leader.fence());
        flipAByte(corrupt);
        Files.delete(local(missing));

        assertThatThrownBy(() -> store.get("job-1"))
                .isInstanceOfSatisfying(StateFileException.class, e -> assertThat(e.kind()).isEqualTo(StateFileException.Kind.CORRUPT))
                .hasMessageContaining(corrupt.path())
                .hasMessageContaining("expected crc32c " + corrupt.checksumHex());
        assertThatThrownBy(() -> store.get("job-2"))
                .isInstanceOfSatisfying(StateFileException.class, e -> assertThat(e.kind()).isEqualTo(StateFileException.Kind.MISSING))
                .hasMessageContaining(missing.path());
    }

    @Test
    void recoverAllReturnsTheGoodEntriesAndReportsTheBadOnes() throws Exception {
        for (int i = 0; i < 20; i++) {
            store.put(String.format("%019d", i), bytes("checkpoint " + i), leader.fence());
        }
        String corrupt = String.format("%019d", 19);
        String missing = String.format("%019d", 7);
        String invalid = String.format("%019d", 3);
        StatePointer corruptPointer = StatePointer.decode(client.getData().forPath("/jobgraphs/" + corrupt), corrupt);
        flipAByte(corruptPointer);
        Files.delete(local(StatePointer.decode(client.getData().forPath("/jobgraphs/" + missing), missing)));
        StatePointer invalidPointer = StatePointer.decode(client.getData().forPath("/jobgraphs/" + invalid), invalid);
        client.setData().forPath("/jobgraphs/" + invalid, bytes("not a pointer"));

        Recovered<byte[]> recovered = newStore().recoverAll();

        assertThat(recovered.isComplete()).isFalse();
        assertThat(recovered.entries()).hasSize(17).doesNotContainKeys(corrupt, missing, invalid);
        assertThat(new ArrayList<>(recovered.entries().keySet())).isSorted();
        assertThat(recovered.entries().get(String.format("%019d", 18))).isEqualTo(bytes("checkpoint 18"));
        assertThat(recovered.failures()).containsOnlyKeys(corrupt, missing, invalid);
        assertThat(recovered.failures().get(corrupt).kind()).isEqualTo(StateFileException.Kind.CORRUPT);
        assertThat(recovered.failures().get(corrupt)).hasMessageContaining(corruptPointer.path());
        assertThat(recovered.failures().get(missing).kind()).isEqualTo(StateFileException.Kind.MISSING);
        assertThat(recovered.failures().get(invalid).kind()).isEqualTo(StateFileException.Kind.INVALID_POINTER);
        assertThat(recovered.failures().get(invalid)).hasMessageContaining("/jobgraphs/" + invalid);

        // The leader can drop the unusable entries, the one without a valid pointer included.
        ZooKeeperPointerStore cleaner = newStore();
        for (String name : recovered.failures().keySet()) {
            cleaner.remove(name, leader.fence());
        }
        assertThat(store.names()).hasSize(17);
        // 17 entries' files plus the orphan of the invalid pointer; the corrupt file is gone
        assertThat(fileNames()).hasSize(18).contains(name(invalidPointer)).doesNotContain(name(corruptPointer));
    }

    @Test
    void recoverAllOfNothing() throws Exception {
        Recovered<byte[]> recovered = store.recoverAll();

        assertThat(recovered.entries()).isEmpty();
        assertThat(recovered.isComplete()).isTrue();
    }

    @Test
    void removeAllRemovesEveryPointerThenEveryFile() throws Exception {
        List<CompletableFuture<StatePointer>> puts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            puts.add(store.putAsync("job-" + i, bytes("graph " + i), leader.fence()));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(store.names()).hasSize(200);
        assertThat(fileNames()).hasSize(200);

        // half of them known to the store from the puts, the other half only through ZooKeeper
        ZooKeeperPointerStore fresh = newStore();
        fresh.get("job-0");
        assertThat(fresh.removeAll(leader.fence())).isEqualTo(200);

        assertThat(store.names()).isEmpty();
        assertThat(fileNames()).isEmpty();
    }

    @Test
    void aStaleMemoryOfAnEntryIsHarmless() throws Exception {
        store.put("job-1", bytes("one"), leader.fence());
        ZooKeeperPointerStore other = newStore();
        other.replace("job-1", bytes("two"), leader.fence()); // the first store's memory is now stale

        StatePointer third = store.replace("job-1", bytes("three"), leader.fence());

        assertThat(other.get("job-1")).isEqualTo(bytes("three"));
        assertThat(fileNames()).containsExactly(name(third));

        other.replace("job-1", bytes("four"), leader.fence());
        store.remove("job-1", leader.fence()); // stale version: reread, then removed

        assertThat(store.names()).isEmpty();
        assertThat(fileNames()).isEmpty();
    }

    @Test
    void replaceOfAMissingEntryFailsAndLeavesNoFile() {
        assertThatThrownBy(() -> store.replace("job-1", bytes("x"), leader.fence()))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("/jobgraphs/job-1");
        assertThat(dir).doesNotExist();
    }

    @Test
    void theFolderIsRecreatedWhenItVanished() throws Exception {
        store.put("job-1", bytes("one"), leader.fence());
        store.remove("job-1", leader.fence());
        client.delete().forPath(ZooKeeperLayout.JOBGRAPHS);

        store.put("job-2", bytes("two"), leader.fence());

        assertThat(store.names()).containsExactly("job-2");
    }

    @Test
    void invalidNamesAreRejectedBeforeAnythingIsWritten() {
        for (String name : new String[] {"", "a/b", ".hidden", "..", "a b"}) {
            assertThatThrownBy(() -> store.put(name, bytes("x"), leader.fence())).as(name).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.remove(name, leader.fence())).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir).doesNotExist();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String name(StatePointer pointer) {
        return new Path(pointer.path()).getName();
    }

    private static java.nio.file.Path local(StatePointer pointer) {
        return java.nio.file.Path.of(new Path(pointer.path()).toUri());
    }

    private static void flipAByte(StatePointer pointer) throws IOException {
        byte[] data = Files.readAllBytes(local(pointer));
        data[data.length / 2] ^= 0x40;
        Files.write(local(pointer), data);
    }

    /** Every entry of the files folder, temporary files included. */
    private List<String> fileNames() throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
