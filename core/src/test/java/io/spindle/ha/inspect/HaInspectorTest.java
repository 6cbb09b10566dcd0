package io.spindle.ha.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.storage.ChecksummedFileStore;
import io.spindle.ha.storage.ClusterStorage;
import io.spindle.ha.storage.StatePointer;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link HaInspector} on the data of a cluster whose JobManager is writing while it looks: a file
 * written just now whose pointer is not there yet is a write in progress, not an orphan; the same
 * file from before {@link HaInspector#WRITE_IN_PROGRESS} is one.
 */
class HaInspectorTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    private ClusterStorage storage(String clusterId) throws Exception {
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        return ClusterStorage.under(new Path(CLUSTER.workDir().resolve("storage").toUri()), clusterId, hadoop);
    }

    /** A job graph file with its pointer, and one more file without. */
    private Path writeGraphs(String clusterId, ClusterStorage storage) throws Exception {
        ChecksummedFileStore files = new ChecksummedFileStore(storage.fs(), storage.jobGraphs());
        StatePointer referenced = files.write("job-a", "graph a".getBytes(StandardCharsets.UTF_8));
        CuratorFramework zk = CLUSTER.zooKeeperClient();
        zk.create().creatingParentsIfNeeded().forPath("/" + clusterId + ZooKeeperLayout.JOBGRAPHS + "/job-a",
                referenced.encode());
        StatePointer unreferenced = files.write("job-b", "graph b".getBytes(StandardCharsets.UTF_8));
        return storage.fs().makeQualified(new Path(unreferenced.path()));
    }

    private static String clusterId(TestInfo test) {
        return "inspect-" + test.getTestMethod().orElseThrow().getName().hashCode();
    }

    @Test
    void aFileWrittenJustNowWithoutItsPointerIsAWriteInProgress(TestInfo test) throws Exception {
        String clusterId = clusterId(test);
        ClusterStorage storage = storage(clusterId);
        Path pending = writeGraphs(clusterId, storage);

        InspectionReport report = new HaInspector(CLUSTER.zooKeeperClient(), new org.apache.hadoop.conf.Configuration())
                .inspect(clusterId, storage);

        assertThat(report.findings()).as(report.tree().toString()).isEmpty();
        assertThat(report.pointers()).isEqualTo(1);
        assertThat(report.tree()).anyMatch(line -> line.contains("writes in progress") && line.contains(pending.getName()));
    }

    @Test
    void anUnreferencedFileOlderThanAWriteInProgressIsAnOrphan(TestInfo test) throws Exception {
        String clusterId = clusterId(test);
        ClusterStorage storage = storage(clusterId);
        Path orphan = writeGraphs(clusterId, storage);
        FileSystem fs = storage.fs();
        fs.setTimes(orphan, System.currentTimeMillis() - HaInspector.WRITE_IN_PROGRESS.toMillis() - 60_000, -1);

        InspectionReport report = new HaInspector(CLUSTER.zooKeeperClient(), new org.apache.hadoop.conf.Configuration())
                .inspect(clusterId, storage);

        assertThat(report.findings()).extracting(Finding::kind, Finding::where)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.ORPHANED_FILE, orphan.toString()));
    }
}
