package io.spindle.ha.storage;

import io.spindle.ha.zookeeper.TestLeader;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.ha.zookeeper.ZooKeeperPointerStore;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The storage classes on a real HDFS (MiniDFSCluster), where permissions are enforced by the NameNode. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StorageOnHdfsTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().withHdfs().build();

    private static final FsPermission PRIVATE_DIR = new FsPermission((short) 0700);
    private static final FsPermission PRIVATE_FILE = new FsPermission((short) 0600);

    private FileSystem fs;
    private String clusterId;
    private ClusterStorage storage;

    @BeforeEach
    void setUp() throws Exception {
        fs = CLUSTER.fileSystem();
        clusterId = "cluster-" + UUID.randomUUID();
        storage = ClusterStorage.under(new Path("/spindle-" + clusterId + "/recovery"), clusterId, CLUSTER.hadoopConf());
    }

    @Test
    void foldersAre0700AndFiles0600() throws Exception {
        ChecksummedFileStore store = new ChecksummedFileStore(fs, storage.jobGraphs());

        StatePointer pointer = store.write("job-1", bytes("graph"));

        assertThat(pointer.path()).startsWith(fs.getUri().toString());
        assertThat(fs.getFileStatus(new Path(pointer.path())).getPermission()).isEqualTo(PRIVATE_FILE);
        for (Path folder = storage.jobGraphs(); folder.getParent() != null; folder = folder.getParent()) {
            assertThat(fs.getFileStatus(folder).getPermission()).as(folder.toString()).isEqualTo(PRIVATE_DIR);
            if (folder.getParent().isRoot()) {
                break;
            }
        }
        assertThat(store.read(pointer)).isEqualTo(bytes("graph"));
        FileStatus[] all = fs.listStatus(storage.jobGraphs());
        assertThat(all).hasSize(1); // no temporary file, no .crc sidecar
    }

    @Test
    void corruptAndMissingFilesAreDetected() throws Exception {
        ChecksummedFileStore store = new ChecksummedFileStore(fs, storage.jobGraphs());
        StatePointer pointer = store.write("job-1", bytes("0123456789"));
        try (FSDataOutputStream out = fs.create(new Path(pointer.path()), true)) {
            out.write(bytes("0123456788"));
        }

        assertThatThrownBy(() -> store.read(pointer))
                .isInstanceOfSatisfying(StateFileException.class, e -> assertThat(e.kind()).isEqualTo(StateFileException.Kind.CORRUPT))
                .hasMessageContaining(pointer.path())
                .hasMessageContaining("expected crc32c " + pointer.checksumHex());

        assertThat(store.delete(pointer)).isTrue();
        assertThatThrownBy(() -> store.read(pointer))
                .isInstanceOfSatisfying(StateFileException.class, e -> assertThat(e.kind()).isEqualTo(StateFileException.Kind.MISSING))
                .hasMessageContaining(pointer.path());
    }

    @Test
    void jobResultLifecycle() throws Exception {
        JobResultStore results = new JobResultStore(storage);
        JobResult result = new JobResult("job-1", JobResult.Status.FAILED, "boom\n\tat x", Instant.now());

        results.createDirty(result);

        Path dirty = new Path(storage.jobResults(), "job-1.dirty");
        assertThat(fs.getFileStatus(dirty).getPermission()).isEqualTo(PRIVATE_FILE);
        assertThat(fs.getFileStatus(storage.jobResults()).getPermission()).isEqualTo(PRIVATE_DIR);
        assertThat(results.dirtyResults().entries()).containsEntry("job-1", result);

        results.markClean("job-1");

        assertThat(results.hasCleanResult("job-1")).isTrue();
        assertThat(results.hasDirtyResult("job-1")).isFalse();
        assertThat(results.dirtyResults().entries()).isEmpty();
        assertThat(Arrays.stream(fs.listStatus(storage.jobResults())).map(s -> s.getPath().getName())).containsExactly("job-1.clean");
    }

    @Test
    void pointerStoreOnHdfs() throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(4);
        try (CuratorFramework client = TestLeader.client(CLUSTER.zooKeeperConnectString(), clusterId)) {
            TestLeader leader = TestLeader.elect(client);
            ZooKeeperPointerStore store = new ZooKeeperPointerStore(client, ZooKeeperLayout.completedCheckpoints("job-1"),
                    new ChecksummedFileStore(fs, storage.checkpoints("job-1")), io);
            for (int i = 1; i <= 5; i++) {
                store.put(String.format("%019d", i), bytes("checkpoint " + i), leader.fence());
            }

            Recovered<byte[]> recovered = store.recoverAll();

            assertThat(recovered.isComplete()).isTrue();
            assertThat(recovered.entries()).hasSize(5);
            assertThat(recovered.entries().get(String.format("%019d", 5))).isEqualTo(bytes("checkpoint 5"));
            assertThat(fs.listStatus(storage.checkpoints("job-1"))).hasSize(5);

            assertThat(store.removeAll(leader.fence())).isEqualTo(5);

            assertThat(store.names()).isEmpty();
            assertThat(fs.listStatus(storage.checkpoints("job-1"))).isEmpty();
        } finally {
            io.shutdownNow();
            assertThat(io.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
