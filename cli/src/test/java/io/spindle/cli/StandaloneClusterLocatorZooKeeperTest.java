package io.spindle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.ha.LeaderInfo;
import io.spindle.ha.zookeeper.ZooKeeperLayout;
import io.spindle.runtime.jobmanager.JobState;
import io.spindle.runtime.jobmanager.JobStatus;
import io.spindle.runtime.rest.RestServer;
import io.spindle.runtime.security.ClusterAuthentication;
import io.spindle.security.ClusterSecret;
import io.spindle.testing.SpindleClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The default standalone lookup: the leader's REST URL from its leader information in ZooKeeper. */
class StandaloneClusterLocatorZooKeeperTest {

    @RegisterExtension
    static final SpindleClusterExtension CLUSTER = SpindleClusterExtension.builder().withZooKeeper().build();

    @TempDir
    Path tmp;

    private final FakeGateway gateway = new FakeGateway();
    private RestServer server;
    private CuratorFramework zk;

    @BeforeEach
    void start() throws Exception {
        server = new RestServer(gateway, "127.0.0.1", 0, tmp.resolve("uploads"), ClusterAuthentication.withSecret(ClusterSecret.generate(), false)).start();
        zk = CuratorFrameworkFactory.builder().connectString(CLUSTER.zooKeeperConnectString())
                .namespace("spindle/cli-lookup").retryPolicy(new RetryOneTime(100)).build();
        zk.start();
    }

    @AfterEach
    void stop() {
        zk.close();
        server.close();
    }

    private CliRun spindle(String... args) throws Exception {
        Path confDir = Files.createDirectories(tmp.resolve("conf"));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--conf-dir", confDir.toString(),
                "-D", "high-availability.type=zookeeper",
                "-D", "high-availability.zookeeper.quorum=" + CLUSTER.zooKeeperConnectString(),
                "-D", "high-availability.cluster-id=/cli-lookup"));
        return CliRun.spindle(all.toArray(String[]::new));
    }

    @Test
    void findsTheLeaderThroughZooKeeperAndSaysSoWhenThereIsNone() throws Exception {
        CliRun none = spindle("list");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILURE);
        assertThat(none.errLines()).containsExactly("Error: no JobManager leader in ZooKeeper at " + CLUSTER.zooKeeperConnectString()
                + " (no znode /spindle/cli-lookup/leader/jobmanager): is the cluster with 'high-availability.cluster-id'"
                + " /cli-lookup running?");

        JobStatus job = gateway.add("found-via-zk", JobState.RUNNING);
        zk.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZooKeeperLayout.JOBMANAGER_LEADER,
                new LeaderInfo("test-jm", "127.0.0.1:6123", server.url(), UUID.randomUUID()).toBytes());

        CliRun found = spindle("list");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains(job.jobId()).contains("found-via-zk");
    }

    @Test
    void withoutANextLeaderTheWaitEndsAsAServiceFailure() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        zk.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZooKeeperLayout.JOBMANAGER_LEADER,
                new LeaderInfo("dead-jm", "127.0.0.1:6123", "http://127.0.0.1:" + closedPort, UUID.randomUUID()).toBytes());
        long start = System.nanoTime();
        CliRun r = spindle("list", "--leader-wait", "2");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(15));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILURE);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(1)).startsWith("Error: no reachable JobManager leader within 2 s (ZooKeeper at "
                + CLUSTER.zooKeeperConnectString() + "): cannot reach JobManager at http://127.0.0.1:" + closedPort);
    }

    @Test
    void aLeaderWithoutRestAddressIsReported() throws Exception {
        zk.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZooKeeperLayout.JOBMANAGER_LEADER,
                new LeaderInfo("test-jm", "127.0.0.1:6123", "", UUID.randomUUID()).toBytes());
        CliRun r = spindle("list");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SERVICE_FAILURE);
        assertThat(r.err()).contains("the leader test-jm has not published its REST address yet");
    }
}
