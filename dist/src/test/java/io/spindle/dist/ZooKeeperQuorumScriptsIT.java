package io.spindle.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start-zookeeper-quorum.sh / stop-zookeeper-quorum.sh with a one-server zoo.cfg. */
class ZooKeeperQuorumScriptsIT {

    @TempDir
    Path workDir;

    private DistributionUnderTest dist;
    private int clientPort;
    private Path dataDir;

    @BeforeEach
    void setUp() throws Exception {
        dist = DistributionUnderTest.unpack(workDir);
        clientPort = DistributionUnderTest.freePort();
        dataDir = workDir.resolve("zookeeper-data");
        dist.writeConf("zoo.cfg", "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=" + dataDir + "\n"
                + "clientPort=" + clientPort + "\n# the one server\nserver.3=localhost:"
                + DistributionUnderTest.freePort() + ":" + DistributionUnderTest.freePort() + "\n");
    }

    @AfterEach
    void killLeftovers() {
        dist.close();
    }

    @Test
    void startsAZooKeeperThatClientsReachAndStopsIt() throws Exception {
        ScriptResult start = dist.run("start-zookeeper-quorum.sh");

        assertThat(start.exitCode()).as(start.describe()).isZero();
        assertThat(start.stdout()).isEqualTo("Starting zookeeper daemon on host localhost.\n");
        List<Long> pids = dist.pids("zookeeper");
        assertThat(pids).hasSize(1);
        long pid = pids.get(0);
        assertThat(DistributionUnderTest.isAlive(pid)).isTrue();
        assertThat(Files.readString(dataDir.resolve("myid"), StandardCharsets.US_ASCII)).isEqualTo("3\n");

        try (CuratorFramework client = CuratorFrameworkFactory.newClient("127.0.0.1:" + clientPort,
                5_000, 2_000, new RetryOneTime(200))) {
            client.start();
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> client.blockUntilConnected(2, java.util.concurrent.TimeUnit.SECONDS));
            client.create().forPath("/spindle-dist-test", "hello".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.getData().forPath("/spindle-dist-test"), StandardCharsets.UTF_8))
                    .isEqualTo("hello");
        }
        assertThat(dist.logFiles()).extracting(p -> p.getFileName().toString())
                .anyMatch(name -> name.matches("spindle-.*-zookeeper-0-.*\\.log"))
                .anyMatch(name -> name.matches("spindle-.*-zookeeper-0-.*\\.out"));

        assertThat(dist.daemonProcesses()).extracting(ProcessHandle::pid).containsExactly(pid);

        ScriptResult stop = dist.run("stop-zookeeper-quorum.sh");

        assertThat(stop.exitCode()).as(stop.describe()).isZero();
        assertThat(stop.stdout()).isEqualTo("Stopping zookeeper daemon (pid " + pid + ") on host localhost.\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> !DistributionUnderTest.isAlive(pid));
        assertThat(dist.pidFile("zookeeper")).isEmpty();
        assertThat(dist.daemonProcesses()).isEmpty();
    }
}
