package io.spindle.cli;

import io.spindle.ha.inspect.HaInspector;
import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.ha.zookeeper.ZooKeeperLeaderFence;
import io.spindle.ha.zookeeper.ZooKeeperPointerStore;
import io.spindle.testing.SpindleClusterExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code spindle ha inspect} and {@code spindle ha clean} against real ZooKeeper and HDFS. */
class HaInspectAndCleanCommandTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().withHdfs().build();

    @TempDir
    java.nio.file.Path confDir;

    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private CuratorFramework clusterClient;
    private String clusterId;
    private ClusterStorage storage;
    private ZooKeeperLeaderFence fence;

    @BeforeEach
    void writeClusterData(TestInfo test) throws Exception {
        clusterId = "inspect-" + test.getTestMethod().orElseThrow().getName();
        clusterClient = CuratorFrameworkFactory.builder().connectString(CLUSTER.zooKeeperConnectString())
                .namespace("spindle/" + clusterId).retryPolicy(new RetryOneTime(100)).build();
        clusterClient.start();
        String latch = clusterClient.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(ZooKeeperLayout.LATCH + "/member-", "test-leader".getBytes(StandardCharsets.UTF_8));
        fence = new ZooKeeperLeaderFence(clusterClient, latch, UUID.randomUUID(), () -> { });
        storage = ClusterStorage.under(new Path(storageDir()), clusterId, CLUSTER.hadoopConf());
        ZooKeeperPointerStore jobGraphs = new ZooKeeperPointerStore(clusterClient, ZooKeeperLayout.JOBGRAPHS,
                new ChecksummedFileStore(storage.fs(), storage.jobGraphs()), io);
        for (String job : List.of("job-a", "job-b", "job-c")) {
            jobGraphs.put(job, ("graph of " + job).getBytes(StandardCharsets.UTF_8), fence);
        }
    }

    @AfterEach
    void close() {
        clusterClient.close();
        io.shutdownNow();
    }

    private String storageDir() {
        return CLUSTER.hdfsUri() + "/spindle/recovery";
    }

    private CliRun spindle(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--conf-dir", confDir.toString(),
                "-D", "high-availability.type=zookeeper",
                "-D", "high-availability.zookeeper.quorum=" + CLUSTER.zooKeeperConnectString(),
                "-D", "high-availability.storageDir=" + storageDir()));
        InputStream savedIn = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliRun.spindle(all.toArray(String[]::new));
        } finally {
            System.setIn(savedIn);
        }
    }

    @Test
    void inspectOfConsistentDataExitsZeroAndPrintsTheTree() {
        CliRun r = spindle("", "ha", "inspect", "--cluster-id", clusterId);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Cluster " + clusterId)
                .contains("jobgraphs/")
                .contains("job-a  -> " + storage.jobGraphs())
                .contains("3 pointers checked, 0 problems");
    }

    @Test
    void inspectReportsCorruptMissingAndOrphanedFiles() throws Exception {
        FileSystem fs = storage.fs();
        List<Path> files = new ArrayList<>();
        for (var status : fs.listStatus(storage.jobGraphs())) {
            files.add(status.getPath());
        }
        files.sort(null);
        Path corrupt = files.stream().filter(p -> p.getName().startsWith("job-a")).findFirst().orElseThrow();
        Path missing = files.stream().filter(p -> p.getName().startsWith("job-b")).findFirst().orElseThrow();
        try (FSDataOutputStream outStream = fs.create(corrupt, true)) {
            outStream.write("graph of job-X".getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(missing, false);
        Path orphan = new Path(storage.jobGraphs(), "job-z-leftover");
        try (FSDataOutputStream outStream = fs.create(orphan)) {
            outStream.write(1);
        }
        // Left by a write long ago (a file of the last minute may be a write in progress).
        fs.setTimes(orphan, System.currentTimeMillis() - HaInspector.WRITE_IN_PROGRESS.toMillis() - 60_000, -1);

        CliRun r = spindle("", "ha", "inspect", "--cluster-id", clusterId);

        assertThat(r.exitCode()).isEqualTo(HaInspectCommand.EXIT_PROBLEMS);
        assertThat(r.out()).contains("3 pointers checked, 3 problems")
                .containsPattern("PROBLEM CHECKSUM_MISMATCH /jobgraphs/job-a: .*" + corrupt.getName())
                .containsPattern("PROBLEM DANGLING_POINTER /jobgraphs/job-b: .*" + missing.getName())
                .contains("PROBLEM ORPHANED_FILE " + fs.makeQualified(orphan));
    }

    @Test
    void cleanAsksForConfirmationAndKeepsEverythingOnNo() throws Exception {
        CliRun r = spindle("n\n", "ha", "clean", "--cluster-id", clusterId);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).contains("Aborted; nothing was deleted.");
        assertThat(clusterClient.getChildren().forPath(ZooKeeperLayout.JOBGRAPHS)).hasSize(3);
        assertThat(storage.fs().exists(storage.clusterDir())).isTrue();
    }

    @Test
    void cleanWithYesRemovesZnodesAndFolderAndASecondCleanSaysThereIsNothing() throws Exception {
        fence.client().delete().forPath(fence.latchNodePath());

        CliRun r = spindle("", "ha", "clean", "--cluster-id", clusterId, "--yes");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Deleted znode /spindle/" + clusterId);
        CuratorFramework root = clusterClient.usingNamespace("spindle");
        assertThat(root.checkExists().forPath("/" + clusterId)).isNull();
        assertThat(storage.fs().exists(storage.clusterDir())).isFalse();

        CliRun again = spindle("", "ha", "clean", "--cluster-id", clusterId, "--yes");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("no HA data for cluster-id '" + clusterId + "'");
    }

    @Test
    void cleanRefusesWhileTheClusterHasALiveLeader() throws Exception {
        clusterClient.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL)
                .forPath(ZooKeeperLayout.JOBMANAGER_LEADER,
                        ("participant=x\nsession=" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8));
        CliRun r = spindle("", "ha", "clean", "--cluster-id", clusterId, "--yes");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("has a live leader");
        assertThat(clusterClient.getChildren().forPath(ZooKeeperLayout.JOBGRAPHS)).hasSize(3);
    }
}
