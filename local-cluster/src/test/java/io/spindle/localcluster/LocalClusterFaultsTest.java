package io.spindle.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.spindle.minicluster.ZooKeeperMode;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The faults a chaos run injects into a local cluster started with {@code --zookeeper-ensemble 3}:
 * SIGKILL of the ZooKeeper leader's JVM (the others elect a new leader, the killed member is
 * started again and rejoins) and a DataNode restart through {@code restart-datanode}.
 */
class LocalClusterFaultsTest {

    @RegisterExtension
    final ChildCluster child = new ChildCluster();
    private final Path dir = child.dir();

    @Test
    void aKilledZooKeeperLeaderIsReplacedAndRestartedAndTheDataNodeRestartsOnRequest() throws Exception {
        Process cluster = child.startAndAwaitReady("--node-managers", "1", "--zookeeper-ensemble", "3");
        Map<String, String> properties = ClusterFiles.readProperties(dir.resolve("local-cluster.properties"));
        List<Integer> ports = Arrays.stream(properties.get(ClusterFiles.ZOOKEEPER_CLIENT_PORTS).split(","))
                .map(Integer::parseInt).toList();
        assertThat(ports).hasSize(3);
        String quorum = ChildCluster.readFlatYaml(dir.resolve("conf/config.yaml")).get("high-availability.zookeeper.quorum");
        assertThat(quorum).isEqualTo(properties.get("zookeeper.quorum")).contains("127.0.0.1:" + ports.get(2));

        int leader = await("one leader").atMost(Duration.ofSeconds(30)).until(() -> leaderIndex(ports), Optional::isPresent)
                .orElseThrow();
        Path pidFile = dir.resolve("zookeeper").resolve("member-" + (leader + 1) + ".pid");
        long leaderPid = ClusterProcess.readPid(pidFile).orElseThrow();
        assertThat(cluster.descendants().map(ProcessHandle::pid)).contains(leaderPid);

        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(quorum, 10_000, 5_000, new RetryNTimes(20, 500))) {
            zk.start();
            assertThat(zk.blockUntilConnected(15, TimeUnit.SECONDS)).isTrue();
            zk.create().creatingParentsIfNeeded().forPath("/faults-test/before", new byte[0]);

            ProcessHandle.of(leaderPid).orElseThrow().destroyForcibly();
            await("another member leads").atMost(Duration.ofSeconds(30))
                    .until(() -> leaderIndex(ports).filter(i -> i != leader).isPresent());
            await("the killed member restarted and following").atMost(Duration.ofSeconds(60))
                    .until(() -> ClusterProcess.readPid(pidFile).filter(pid -> pid != leaderPid).isPresent()
                            && ZooKeeperMode.of(ports.get(leader)).filter("follower"::equals).isPresent());
            zk.create().forPath("/faults-test/after", new byte[0]);
            assertThat(zk.getChildren().forPath("/faults-test")).containsExactlyInAnyOrder("before", "after");
        }

        CommandResult restart = CommandResult.run("restart-datanode", "--dir", dir.toString());
        assertThat(restart.exitCode()).as(restart.describe()).isZero();
        assertThat(restart.out()).startsWith("Restarted the DataNode in ");
        Configuration hadoopConf = ChildCluster.hadoopConf(dir.resolve("hadoop-conf"));
        try (FileSystem fs = FileSystem.newInstance(URI.create(hadoopConf.get("fs.defaultFS")), hadoopConf);
             FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path("/faults-test/after-restart.txt"))) {
            out.write("written after the DataNode restart".getBytes(StandardCharsets.UTF_8));
        }

        List<ProcessHandle> members = cluster.descendants().toList();
        CommandResult stop = CommandResult.run("stop", "--dir", dir.toString(), "--timeout", "30");
        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        await("the members ended").atMost(Duration.ofSeconds(20)).until(() -> members.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static Optional<Integer> leaderIndex(List<Integer> ports) {
        for (int i = 0; i < ports.size(); i++) {
            if (ZooKeeperMode.of(ports.get(i)).filter("leader"::equals).isPresent()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
